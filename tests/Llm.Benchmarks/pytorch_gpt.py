"""The reference for speed comparisons: the same GPT as lib/Llm/Models/Gpt.cs, in PyTorch.

Run with Debian's PyTorch (python3-torch with libopenblas0-pthread):
    /usr/bin/python3 tests/Llm.Benchmarks/pytorch_gpt.py --layers 4 --heads 4 --embd 128 --block 64 --batch 12 --vocab 65
It prints one JSON line: tokens_per_s, step_ms, params, peak_mb. tests/gpu/compare_pytorch_gpu.py
imports its Gpt for the GPU comparison.
"""
import argparse
import json
import math
import resource
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, c, h, sdpa=False):
        super().__init__()
        self.h, self.sdpa = h, sdpa
        self.ln_1 = nn.LayerNorm(c)
        self.c_attn = nn.Linear(c, 3 * c)
        self.c_proj = nn.Linear(c, c)
        self.ln_2 = nn.LayerNorm(c)
        self.c_fc = nn.Linear(c, 4 * c)
        self.mlp_proj = nn.Linear(4 * c, c)

    def forward(self, x, mask):
        b, t, c = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(c, dim=2)
        q, k, v = (z.view(b, t, self.h, c // self.h).transpose(1, 2) for z in (q, k, v))
        if self.sdpa:
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)  # PyTorch 2's fused attention
        else:
            att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
            y = F.softmax(att.masked_fill(mask[:t, :t], float("-inf")), dim=-1) @ v
        x = x + self.c_proj(y.transpose(1, 2).contiguous().view(b, t, c))
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class Gpt(nn.Module):
    """Also the model of tests/gpu/compare_pytorch_gpu.py; sdpa there swaps in fused attention."""

    def __init__(self, vocab, block, layers, heads, embd, sdpa=False):
        super().__init__()
        self.wte = nn.Embedding(vocab, embd)
        self.wpe = nn.Embedding(block, embd)
        self.h = nn.ModuleList([Block(embd, heads, sdpa) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(embd)
        self.register_buffer("mask", torch.ones(block, block, dtype=torch.bool).triu(1), persistent=False)

    def forward(self, idx, targets):
        t = idx.shape[1]
        x = self.wte(idx) + self.wpe(torch.arange(t, device=idx.device))
        for block in self.h:
            x = block(x, self.mask)
        logits = self.ln_f(x) @ self.wte.weight.T
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))


def main():
    p = argparse.ArgumentParser()
    for name, default in [("layers", 4), ("heads", 4), ("embd", 128), ("block", 64), ("batch", 12), ("vocab", 65), ("steps", 10), ("warmup", 3), ("threads", 0)]:
        p.add_argument("--" + name, type=int, default=default)
    a = p.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = Gpt(a.vocab, a.block, a.layers, a.heads, a.embd)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.1)
    idx = torch.randint(a.vocab, (a.batch, a.block))
    targets = torch.randint(a.vocab, (a.batch, a.block))
    times = []
    for step in range(a.warmup + a.steps):
        start = time.perf_counter()
        loss = model(idx, targets)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step >= a.warmup:
            times.append(time.perf_counter() - start)
    times.sort()
    median = times[len(times) // 2]
    print(json.dumps({
        "tokens_per_s": a.batch * a.block / median,
        "step_ms": median * 1000,
        "params": sum(p.numel() for p in model.parameters()),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main()
