#!/usr/bin/env bash
# Builds the CPU stand-ins for libcuda, libnvrtc and libcublas into $1 (default artifacts/cuda-emulator),
# from the kernel program the library assembles. See tests/gpu/run-emulated.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="${1:-$root/artifacts/cuda-emulator}"
mkdir -p "$out"
dotnet build "$root/tests/Llm.GpuCheck/Llm.GpuCheck.csproj" -c Release -v quiet -nologo >/dev/null
dotnet "$root/tests/Llm.GpuCheck/bin/Release/net10.0/Llm.GpuCheck.dll" --kernels "$out/kernels.cu" >/dev/null
# The registry: one entry per extern "C" __global__ function.
{
    echo "Kernel kernels[] = {"
    grep -oP 'extern "C" __global__ void (__launch_bounds__\(\d+\) )?\K\w+' "$out/kernels.cu" | sed 's/.*/    {"&", [](void** p) { invoke(\&&, p); }},/'
    echo "};"
} > "$out/registry.inc"
# The source as one C++ string literal, for the fake NVRTC to compare with.
python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$out/kernels.cu" > "$out/kernels.inc"
flags=(-std=c++17 -O1 -g -fPIC -shared -ffp-contract=off -I "$here" -I "$out")
g++ "${flags[@]}" -o "$out/libcuda.so.1" "$here/fake_cuda.cpp"
g++ "${flags[@]}" -o "$out/libnvrtc.so.12" "$here/fake_nvrtc.cpp"
g++ "${flags[@]}" -o "$out/libcublas.so.12" "$here/fake_cublas.cpp"
echo "$out"
