#!/usr/bin/env bash
# Our GPT training speed against the same GPT in PyTorch, on this machine, in the same run.
# Not part of the test suite. Needs Debian's PyTorch: apt-get install python3-torch libopenblas0-pthread
# Usage: tests/Llm.Benchmarks/compare-pytorch.sh [runs]   (from the repository root; default 3 runs)
# Each run trains ours, then PyTorch, on the same shape; the table gives the medians over the runs,
# their ratio, and the lowest and highest ratio of a single run (ours ÷ the PyTorch run right after it).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
threads=${THREADS:-$(nproc)}
python=/usr/bin/python3
dotnet build lib/Llm.Cli -c Release -v quiet -nologo >/dev/null
llm="dotnet lib/Llm.Cli/bin/Release/net10.0/Llm.Cli.dll"
# OpenBLAS picks its kernel from these when set; unset them so PyTorch runs at full speed (see the env notes).
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
# OpenBLAS starts its own threads, whatever torch.set_num_threads says: give both the same count.
export OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads

echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $threads threads; .NET $(dotnet --version); PyTorch $($python -c 'import torch; print(torch.__version__)')"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { $python -c "import json,sys; print(json.loads(sys.stdin.read())['$1'])"; }

printf '%-38s %11s %11s %7s %13s %8s %8s\n' shape "ours tok/s" "torch tok/s" ratio "run ratios" "ours MB" "torch MB"
while read -r name layers heads embd block batch vocab steps; do
  ours=(); torch=(); ours_mb=(); torch_mb=(); ratios=()
  for _ in $(seq "$runs"); do
    o=$($llm bench train --layers "$layers" --heads "$heads" --embd "$embd" --block "$block" --batch "$batch" --vocab "$vocab" --steps "$steps" --threads "$threads" --json)
    t=$($python tests/Llm.Benchmarks/pytorch_gpt.py --layers "$layers" --heads "$heads" --embd "$embd" --block "$block" --batch "$batch" --vocab "$vocab" --steps "$steps" --threads "$threads")
    ours+=("$(echo "$o" | field tokens_per_s)"); torch+=("$(echo "$t" | field tokens_per_s)")
    ratios+=("$(awk -v o="${ours[-1]}" -v t="${torch[-1]}" 'BEGIN { print o / t }')")
    ours_mb+=("$(echo "$o" | field peak_mb)"); torch_mb+=("$(echo "$t" | field peak_mb)")
  done
  o=$(printf '%s\n' "${ours[@]}" | median); t=$(printf '%s\n' "${torch[@]}" | median)
  om=$(printf '%s\n' "${ours_mb[@]}" | median); tm=$(printf '%s\n' "${torch_mb[@]}" | median)
  range=$(printf '%s\n' "${ratios[@]}" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f..%.2f", lo, hi }')
  printf '%-38s %11.0f %11.0f %6.2fx %13s %8.0f %8.0f\n' "$name" "$o" "$t" "$(awk -v o="$o" -v t="$t" 'BEGIN { print o / t }')" "$range" "$om" "$tm"
done <<'SHAPES'
small(L4,H4,C128,T64,B12,V65) 4 4 128 64 12 65 30
shakespeare-char(L6,H6,C384,T256,B8) 6 6 384 256 8 65 5
gpt2-124M(T64,B4,V50257) 12 12 768 64 4 50257 3
SHAPES

echo
ours_gflops=(); torch_gflops=()
for _ in $(seq "$runs"); do
  ours_gflops+=("$($llm bench matmul --size 1024 --threads "$threads" --json | field gflops)")
  torch_gflops+=("$($python tests/Llm.Benchmarks/pytorch_matmul.py --size 1024 --threads "$threads")")
done
ours_gflops=$(printf '%s\n' "${ours_gflops[@]}" | median); torch_gflops=$(printf '%s\n' "${torch_gflops[@]}" | median)
printf 'matmul 1024³: ours %.0f GFLOP/s, OpenBLAS %.0f GFLOP/s (%.0f %%)\n' "$ours_gflops" "$torch_gflops" "$(awk -v o="$ours_gflops" -v t="$torch_gflops" 'BEGIN { print 100 * o / t }')"
echo "generation: $($llm bench generate --tokens 256 --threads "$threads")"
