#!/usr/bin/env bash
# Builds the GPU check bundle: tests/Llm.GpuCheck published self-contained for linux-x64 (no .NET
# needed where it runs), trimmed to stay under 60 MB, with the PyTorch comparison script beside it.
#
#   tests/gpu/run-gpu-tests.sh [OUT_DIR]        (default: artifacts/gpu-bundle)
#
# Then, on the GPU machine (NVIDIA driver and CUDA 12/13 libraries: a toolkit, or PyTorch's pip
# wheels, which the backend finds in site-packages/nvidia/...), with no network needed:
#   1. copy OUT_DIR.tar.gz there and unpack it:   tar xzf gpu-bundle.tar.gz && cd gpu-bundle
#   2. run the checks:                            ./Llm.GpuCheck --out results.json
#      (--no-bench: correctness only; --bench-only: speed only; --steps N: timed steps)
#   3. compare with PyTorch:                      python3 compare_pytorch_gpu.py --ours results.json
# The exit code is 0 when every check passed. results.json lists each check (CUDA against the CPU
# backend, with the worst element), the GPT loss curves, and tokens/s and MFU per shape.
#
# Where a GPU is present on this machine, the script also runs the bundle and the xunit GPU tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/artifacts/gpu-bundle}"
limit_mb=60

rm -rf "$out"
mkdir -p "$out"
dotnet publish "$root/tests/Llm.GpuCheck/Llm.GpuCheck.csproj" -c Release -r linux-x64 --self-contained \
    -p:DebugType=none -p:GenerateDocumentationFile=false -o "$out" -nologo -v quiet
cp "$root/tests/gpu/compare_pytorch_gpu.py" "$root/tests/Llm.Benchmarks/pytorch_gpt.py" "$out/"
sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' > "$out/README.txt"

size_bytes=$(du -sb "$out" | cut -f1)
size_mb=$(( (size_bytes + 1048575) / 1048576 ))
tar czf "$out.tar.gz" -C "$(dirname "$out")" "$(basename "$out")"
echo "bundle: $out ($size_mb MB; $(( ($(stat -c %s "$out.tar.gz") + 1048575) / 1048576 )) MB as $out.tar.gz)"
if (( size_mb > limit_mb )); then
    echo "error: the bundle is over $limit_mb MB" >&2
    exit 1
fi

if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then
    echo "A GPU is here: running the checks."
    (cd "$out" && ./Llm.GpuCheck --out results.json)
    dotnet test "$root/tests/Llm.Tests/Llm.Tests.csproj" --filter "FullyQualifiedName~Llm.Tests.Cuda"
else
    echo "No GPU here: carry $out.tar.gz to a GPU machine and run ./Llm.GpuCheck --out results.json there."
fi
