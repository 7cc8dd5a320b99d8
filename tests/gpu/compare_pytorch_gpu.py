"""The PyTorch side of the GPU speed comparison: the same GPT shapes as tests/Llm.GpuCheck, trained
in PyTorch eager mode in fp32 (and with TF32 matmuls), printing tokens/s so ratios can be taken.

Run it on the GPU machine next to Llm.GpuCheck's results (PyTorch 2.x with CUDA):
    python3 compare_pytorch_gpu.py --ours results.json
Options: --shape shakespeare|gpt2|all, --batch N (default 8), --steps 10, --warmup 3,
--sdpa (use F.scaled_dot_product_attention, i.e. flash attention, instead of the explicit
softmax(q·kᵀ)·v that the C# library computes), --out pytorch.json.

The model is tests/Llm.Benchmarks/pytorch_gpt.py, shared with the CPU comparison and copied into
the bundle: lib/Llm/Models/Gpt.cs in PyTorch, GPT-2 blocks (pre-LayerNorm, tanh GELU), tied output
layer, no dropout; each step is forward, backward, gradient clipping to norm 1, and AdamW, as in
TrainingBenchmark.cs. FLOPs per token are counted the same way: 6·N + 6·L·C·T.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import torch

# The model lives in pytorch_gpt.py: beside this file in the bundle, in tests/Llm.Benchmarks in the repository.
here = Path(__file__).resolve().parent
sys.path[:0] = [str(here), str(here.parent / "Llm.Benchmarks")]
from pytorch_gpt import Gpt  # noqa: E402

SHAPES = {
    "shakespeare-char 10M": dict(vocab=65, block=256, layers=6, heads=6, embd=384),
    "gpt2 124M": dict(vocab=50257, block=1024, layers=12, heads=12, embd=768),
}
PEAK_TFLOPS = {"fp32": 67.0, "tf32": 495.0}  # H100 SXM, dense


def bench(name, shape, batch, precision, steps, warmup, sdpa):
    torch.backends.cuda.matmul.allow_tf32 = precision == "tf32"
    torch.backends.cudnn.allow_tf32 = precision == "tf32"
    torch.manual_seed(0)
    model = Gpt(sdpa=sdpa, **shape).cuda()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.1)
    idx = torch.randint(shape["vocab"], (batch, shape["block"]), device="cuda")
    targets = torch.randint(shape["vocab"], (batch, shape["block"]), device="cuda")
    torch.cuda.reset_peak_memory_stats()
    times = []
    for step in range(warmup + steps):
        torch.cuda.synchronize()
        start = time.perf_counter()
        loss = model(idx, targets)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        loss.item()  # waits for the GPU
        if step >= warmup:
            times.append(time.perf_counter() - start)
    times.sort()
    median = times[len(times) // 2]
    n = sum(p.numel() for p in model.parameters())
    flops_per_token = 6 * n + 6 * shape["layers"] * shape["embd"] * shape["block"]
    tokens_per_s = batch * shape["block"] / median
    result = dict(name=name, precision=precision, batch=batch, block_size=shape["block"], parameters=n,
                  step_ms=round(median * 1000, 3), tokens_per_s=round(tokens_per_s, 1),
                  mfu=round(flops_per_token * tokens_per_s / (PEAK_TFLOPS[precision] * 1e12), 5),
                  peak_memory_gib=round(torch.cuda.max_memory_allocated() / 2**30, 2),
                  attention="sdpa" if sdpa else "explicit")
    del model, opt
    torch.cuda.empty_cache()
    return result


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--shape", default="all", choices=["all", "shakespeare", "gpt2"])
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--sdpa", action="store_true")
    p.add_argument("--ours", help="results.json from Llm.GpuCheck, to print speed ratios")
    p.add_argument("--out", default="pytorch.json")
    a = p.parse_args()
    print(f"PyTorch {torch.__version__}, CUDA {torch.version.cuda}, {torch.cuda.get_device_name()}")
    names = [n for n in SHAPES if a.shape == "all" or n.startswith(a.shape)]
    results = []
    for precision in ("fp32", "tf32"):
        for name in names:
            r = bench(name, SHAPES[name], a.batch, precision, a.steps, a.warmup, a.sdpa)
            results.append(r)
            print(json.dumps(r))
    with open(a.out, "w") as f:
        json.dump(results, f, indent=2)
    if a.ours:
        with open(a.ours) as f:
            ours = {(b["name"], b["precision"]): b for b in json.load(f)["benchmarks"] if "error" not in b}
        print("\nshape, precision: C# tokens/s vs PyTorch tokens/s (ratio C#/PyTorch)")
        for r in results:
            o = ours.get((r["name"], r["precision"]))
            if o:
                print(f"{r['name']}, {r['precision']}: {o['tokens_per_s']:.0f} (B={o['batch']}) vs {r['tokens_per_s']:.0f} (B={r['batch']}) = {o['tokens_per_s'] / r['tokens_per_s']:.2f}")


if __name__ == "__main__":
    main()
