#!/usr/bin/env bash
# Runs the GPU checks without a GPU, against the CPU stand-ins for libcuda, NVRTC and cuBLAS in
# emulator/ (see README.md there). It exercises the CUDA backend's host code (library search,
# P/Invoke, launches, memory pool) and runs every kernel's logic on CPU fibers, so index and
# barrier mistakes show up on any Linux machine with g++. It says nothing about speed, and cannot
# catch what only NVIDIA's compiler or hardware would reject.
#
#   tests/gpu/run-emulated.sh            the GpuCheck program (correctness checks) and the xunit GPU tests
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
emulator="$root/artifacts/cuda-emulator"
"$root/tests/gpu/emulator/build.sh" "$emulator" >/dev/null
export LD_LIBRARY_PATH="$emulator${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
dotnet "$root/tests/Llm.GpuCheck/bin/Release/net10.0/Llm.GpuCheck.dll" --no-bench --out "$emulator/results.json"
dotnet test "$root/tests/Llm.Tests/Llm.Tests.csproj" --filter "FullyQualifiedName~Llm.Tests.Cuda"
