"""The reference for `llm bench matmul`: GFLOP/s of PyTorch's (OpenBLAS's) sgemm on n×n matrices.

Same method as ours: half a second of warm-up (OpenBLAS's first calls are slow while its threads
start), then the median of five products. Prints one number.
    /usr/bin/python3 tests/Llm.Benchmarks/pytorch_matmul.py --size 1024 --threads 2
"""
import argparse
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--size", type=int, default=1024)
p.add_argument("--threads", type=int, default=0)
a = p.parse_args()
if a.threads:
    torch.set_num_threads(a.threads)
x = torch.randn(a.size, a.size)
y = torch.randn(a.size, a.size)
start = time.perf_counter()
while time.perf_counter() - start < 0.5:
    x @ y
times = []
for _ in range(5):
    s = time.perf_counter()
    x @ y
    times.append(time.perf_counter() - s)
times.sort()
print(2 * a.size**3 / times[2] / 1e9)
