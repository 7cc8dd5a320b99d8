"""Reference values from PyTorch for the tests in tests/Llm.Tests/Reference.

Run it from the repository root with a Python that has PyTorch (on the course machine that is
the system Python, /usr/bin/python3, not the one first on PATH):

    /usr/bin/python3 tests/Llm.Tests/Fixtures/generate_fixtures.py

It rewrites ops.safetensors and gpt.safetensors next to this file. Both are committed, and the
tests only read them: running the tests never needs PyTorch or Python. Run this again only after
changing a case here (then change the matching C# case too) and commit the new files. The output
is deterministic: every case is seeded from its own name, so the same PyTorch gives the same bytes.

ops.safetensors: for each case NAME, the differentiable inputs NAME.in.X, the other inputs
NAME.arg.X (ids, targets and masks, stored as float), the outputs NAME.out.I, a random upstream
gradient NAME.dout.I for each output, and the gradients NAME.grad.X of each input, i.e. the
gradients of L = sum_I (out_I * dout_I).sum().

gpt.safetensors: a 2-layer GPT-2 with random weights (GPT-2 state-dict names), a batch of ids and
targets, the logits, the loss, every gradient (grad.NAME), the loss after each of 10 AdamW steps
on that batch (adamw.losses) and the parameters after the 10 steps (adamw.NAME).

Dropout has no fixture: PyTorch's random masks cannot be reproduced, so the C# tests check it
against its own definition instead.
"""

import json
import math
import os
import struct
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


def save_safetensors(path, tensors, metadata=None):
    """Writes float32 tensors in the safetensors format by hand (the package is not needed):
    8 bytes of little-endian header length, a JSON header padded with spaces to 8 bytes, raw data."""
    header = {}
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].detach().to(torch.float32).contiguous()
        data = t.numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for data in blobs:
            f.write(data)


def seed_from(name):
    # Each case draws from its own seed, so adding a case does not change the others.
    torch.manual_seed(zlib.crc32(name.encode("utf-8")))


def randn(*shape):
    return torch.randn(shape, dtype=torch.float32)


def uniform(low, high, *shape):
    return low + (high - low) * torch.rand(shape, dtype=torch.float32)


def away_from_zero(*shape):
    """Random signs and magnitudes in [0.5, 2): safe divisors, and inputs away from kinks."""
    sign = torch.where(torch.rand(shape) < 0.5, -1.0, 1.0)
    return sign * uniform(0.5, 2.0, *shape)


def causal_mask(tq, tk):
    """True where query i must not see key j: j > i + tk - tq (the queries are the last tq positions)."""
    return torch.ones(tq, tk, dtype=torch.bool).triu(diagonal=tk - tq + 1)


# ---------------------------------------------------------------- ops

OPS = {}


def case(name, forward, inputs, args=None):
    """Records one case: inputs (name -> tensor) get gradients, args (name -> tensor) do not."""
    args = args or {}
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    outs = forward(**leaves, **args)
    outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
    douts = [randn(*o.shape) for o in outs]
    torch.autograd.backward(outs, douts)
    for k, v in inputs.items():
        OPS[f"{name}.in.{k}"] = v
        OPS[f"{name}.grad.{k}"] = leaves[k].grad
    for k, v in args.items():
        OPS[f"{name}.arg.{k}"] = v.float()
    for i, (o, d) in enumerate(zip(outs, douts)):
        OPS[f"{name}.out.{i}"] = o
        OPS[f"{name}.dout.{i}"] = d


def ops_cases():
    def add(name, forward, inputs, args=None):
        seed_from(name)
        case(name, forward, {k: make() for k, make in inputs.items()},
             {k: make() for k, make in (args or {}).items()})

    # Arithmetic, with broadcasting on either side.
    add("add", lambda a, b: a + b, {"a": lambda: randn(3, 17), "b": lambda: randn(3, 17)})
    add("add_broadcast_both", lambda a, b: a + b, {"a": lambda: randn(4, 1, 17), "b": lambda: randn(3, 1)})
    add("add_bias", lambda a, b: a + b, {"a": lambda: randn(2, 3, 17), "b": lambda: randn(17)})
    add("sub_broadcast", lambda a, b: a - b, {"a": lambda: randn(3, 1, 17), "b": lambda: randn(5, 17)})
    add("mul", lambda a, b: a * b, {"a": lambda: randn(5, 63), "b": lambda: randn(5, 63)})
    add("mul_broadcast", lambda a, b: a * b, {"a": lambda: randn(2, 3, 5, 7), "b": lambda: randn(3, 1, 7)})
    add("div", lambda a, b: a / b, {"a": lambda: randn(3, 17), "b": lambda: away_from_zero(3, 17)})
    add("div_broadcast", lambda a, b: a / b, {"a": lambda: randn(1, 17), "b": lambda: away_from_zero(3, 17)})
    add("div_broadcast_divisor", lambda a, b: a / b, {"a": lambda: randn(2, 5, 17), "b": lambda: away_from_zero(5, 1)})

    # Scalar operators.
    add("add_scalar", lambda x: x + 2.5, {"x": lambda: randn(3, 17)})
    add("scalar_add", lambda x: 2.5 + x, {"x": lambda: randn(3, 17)})
    add("sub_scalar", lambda x: x - 0.75, {"x": lambda: randn(3, 17)})
    add("scalar_sub", lambda x: 1.5 - x, {"x": lambda: randn(3, 17)})
    add("mul_scalar", lambda x: x * -0.75, {"x": lambda: randn(3, 17)})
    add("scalar_mul", lambda x: 3.0 * x, {"x": lambda: randn(3, 17)})
    add("div_scalar", lambda x: x / 3.0, {"x": lambda: randn(3, 17)})
    add("neg", lambda x: -x, {"x": lambda: randn(3, 17)})

    # Powers: integer exponents on any sign, fractional and negative ones on positive numbers.
    add("pow_2", lambda x: x ** 2, {"x": lambda: randn(3, 17)})
    add("pow_3", lambda x: x ** 3, {"x": lambda: randn(3, 17)})
    add("pow_half", lambda x: x ** 0.5, {"x": lambda: uniform(0.5, 3.0, 3, 17)})
    add("pow_minus_1_5", lambda x: x ** -1.5, {"x": lambda: uniform(0.5, 3.0, 3, 17)})

    # Matrix products; a "_t" side is stored transposed (last two axes) and transposed back by the op.
    def mm(ta, tb):
        return lambda a, b: (a.transpose(-1, -2) if ta else a) @ (b.transpose(-1, -2) if tb else b)

    for ta in (False, True):
        for tb in (False, True):
            suffix = ("t" if ta else "n") + ("t" if tb else "n")

            def shaped(batch, rows, cols, t):
                return lambda: randn(*batch, cols, rows) if t else randn(*batch, rows, cols)

            add(f"matmul_2d_{suffix}", mm(ta, tb), {"a": shaped((), 17, 63, ta), "b": shaped((), 63, 5, tb)})
            add(f"matmul_batched_{suffix}", mm(ta, tb), {"a": shaped((2, 3), 5, 7, ta), "b": shaped((2, 3), 7, 4, tb)})
            add(f"matmul_shared_right_{suffix}", mm(ta, tb), {"a": shaped((2, 3), 17, 9, ta), "b": shaped((), 9, 13, tb)})
            add(f"matmul_shared_left_{suffix}", mm(ta, tb), {"a": shaped((), 5, 7, ta), "b": shaped((3,), 7, 4, tb)})

    # Sums and means.
    add("sum_all", lambda x: x.sum(), {"x": lambda: randn(3, 17, 5)})
    add("sum_axis0", lambda x: x.sum(0), {"x": lambda: randn(3, 17, 5)})
    add("sum_axis1", lambda x: x.sum(1), {"x": lambda: randn(3, 17, 5)})
    add("sum_axis_last_keepdim", lambda x: x.sum(-1, keepdim=True), {"x": lambda: randn(3, 17, 5)})
    add("mean_all", lambda x: x.mean(), {"x": lambda: randn(3, 17, 5)})
    add("mean_axis1_keepdim", lambda x: x.mean(1, keepdim=True), {"x": lambda: randn(3, 17, 5)})
    add("mean_axis_last", lambda x: x.mean(-1), {"x": lambda: randn(3, 17, 5)})

    # Moving numbers around.
    add("reshape", lambda x: x.reshape(5, -1, 2), {"x": lambda: randn(3, 4, 5)})
    add("transpose_1_2", lambda x: x.transpose(1, 2), {"x": lambda: randn(2, 3, 5, 7)})
    add("transpose_0_3", lambda x: x.transpose(0, 3), {"x": lambda: randn(2, 3, 5, 7)})
    add("transpose_last_two", lambda x: x.transpose(-1, -2), {"x": lambda: randn(2, 3, 5, 7)})
    add("split_sizes", lambda x: torch.split(x, [5, 12], dim=1), {"x": lambda: randn(3, 17)})
    add("split_equal", lambda x: torch.split(x, 3, dim=1), {"x": lambda: randn(2, 9, 5)})
    add("concat_axis1", lambda a, b, c: torch.cat([a, b, c], dim=1),
        {"a": lambda: randn(3, 5), "b": lambda: randn(3, 7), "c": lambda: randn(3, 1)})
    add("concat_axis0", lambda a, b: torch.cat([a, b], dim=0), {"a": lambda: randn(2, 3, 5), "b": lambda: randn(4, 3, 5)})

    # Embedding lookup; ids repeat, so backward must add rows together.
    add("embedding", lambda weight, ids: F.embedding(ids.long(), weight),
        {"weight": lambda: randn(11, 7)},
        {"ids": lambda: torch.tensor([[3, 0, 3, 10, 5], [5, 5, 1, 3, 9], [0, 10, 2, 3, 3]])})

    # Element-wise functions.
    add("relu", lambda x: F.relu(x), {"x": lambda: randn(3, 65)})
    add("gelu", lambda x: F.gelu(x, approximate="tanh"), {"x": lambda: 3 * randn(3, 65)})
    add("tanh", lambda x: torch.tanh(x), {"x": lambda: 2 * randn(3, 65)})
    add("exp", lambda x: torch.exp(x), {"x": lambda: randn(3, 65)})
    add("log", lambda x: torch.log(x), {"x": lambda: uniform(0.1, 5.0, 3, 65)})

    # Softmax over the last axis; causal masks hide keys j > i + Tk - Tq from query i.
    def masked(x):
        return x.masked_fill(causal_mask(x.shape[-2], x.shape[-1]), float("-inf"))

    add("softmax", lambda x: F.softmax(x, dim=-1), {"x": lambda: 3 * randn(3, 17)})
    add("softmax_wide", lambda x: F.softmax(x, dim=-1), {"x": lambda: 3 * randn(2, 65)})
    add("softmax_causal", lambda x: F.softmax(masked(x), dim=-1), {"x": lambda: 3 * randn(2, 3, 5, 7)})
    add("softmax_causal_square", lambda x: F.softmax(masked(x), dim=-1), {"x": lambda: 3 * randn(2, 3, 7, 7)})
    add("log_softmax", lambda x: F.log_softmax(x, dim=-1), {"x": lambda: 3 * randn(3, 63)})
    add("log_softmax_causal", lambda x: F.log_softmax(masked(x), dim=-1), {"x": lambda: 3 * randn(2, 3, 5, 7)})

    # Cross-entropy (mean over the rows whose target is not -100).
    def cross_entropy(logits, targets):
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.long().reshape(-1), ignore_index=-100)

    add("cross_entropy", cross_entropy, {"logits": lambda: 2 * randn(13, 17)},
        {"targets": lambda: torch.tensor([4, 0, -100, 16, 7, 7, 2, -100, 11, 3, 16, 0, 9])})
    add("cross_entropy_3d", cross_entropy, {"logits": lambda: 2 * randn(2, 5, 63)},
        {"targets": lambda: torch.tensor([[1, 62, 5, -100, 30], [0, 0, 17, 44, -100]])})

    # Layer norm over the last axis, with weight and bias away from their initial 1 and 0.
    def layer_norm(x, weight, bias):
        return F.layer_norm(x, (x.shape[-1],), weight, bias, eps=1e-5)

    add("layer_norm", layer_norm,
        {"x": lambda: randn(2, 5, 63), "weight": lambda: 1 + 0.5 * randn(63), "bias": lambda: randn(63)})
    add("layer_norm_offset", layer_norm,
        {"x": lambda: 10 + 0.1 * randn(3, 17), "weight": lambda: 1 + 0.5 * randn(17), "bias": lambda: randn(17)})

    # Masked fill, the mask broadcast from a smaller shape.
    add("masked_fill", lambda x, mask: x.masked_fill(mask.bool(), -3.0),
        {"x": lambda: randn(2, 3, 5, 7)}, {"mask": lambda: torch.rand(5, 7) < 0.4})
    add("masked_fill_padding", lambda x, mask: x.masked_fill(mask.bool(), float("-inf")),
        {"x": lambda: randn(2, 3, 5, 7)}, {"mask": lambda: torch.rand(2, 1, 1, 7) < 0.4})


# ---------------------------------------------------------------- GPT

class CausalSelfAttention(nn.Module):
    def __init__(self, embd, heads):
        super().__init__()
        self.heads = heads
        self.c_attn = nn.Linear(embd, 3 * embd)
        self.c_proj = nn.Linear(embd, embd)

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(x).split(c, dim=2)
        q, k, v = (z.view(b, t, self.heads, c // self.heads).transpose(1, 2) for z in (q, k, v))  # (B, H, T, hs)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.shape[-1]))
        att = F.softmax(att.masked_fill(causal_mask(t, t), float("-inf")), dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(b, t, c)
        return self.c_proj(y)


class Mlp(nn.Module):
    def __init__(self, embd):
        super().__init__()
        self.c_fc = nn.Linear(embd, 4 * embd)
        self.c_proj = nn.Linear(4 * embd, embd)

    def forward(self, x):
        return self.c_proj(F.gelu(self.c_fc(x), approximate="tanh"))


class Block(nn.Module):
    def __init__(self, embd, heads):
        super().__init__()
        self.ln_1 = nn.LayerNorm(embd)
        self.attn = CausalSelfAttention(embd, heads)
        self.ln_2 = nn.LayerNorm(embd)
        self.mlp = Mlp(embd)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class Gpt(nn.Module):
    """GPT-2 (nanoGPT's layout): pre-LayerNorm blocks, final ln_f, output layer tied to wte."""

    def __init__(self, vocab, block, layers, heads, embd):
        super().__init__()
        self.wte = nn.Embedding(vocab, embd)
        self.wpe = nn.Embedding(block, embd)
        self.h = nn.ModuleList([Block(embd, heads) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(embd)

    def forward(self, ids, targets):
        t = ids.shape[1]
        x = self.wte(ids) + self.wpe(torch.arange(t))
        for block in self.h:
            x = block(x)
        logits = self.ln_f(x) @ self.wte.weight.T
        loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), targets.view(-1))
        return logits, loss


def is_decayed(name):
    """Weight decay on the matrices of Linear layers only, as the C# Parameter.Decay flags."""
    return name.endswith(".weight") and any(part in name for part in ("c_attn", "c_proj", "c_fc"))


def gpt_fixture():
    seed_from("gpt")
    vocab, block, layers, heads, embd, batch = 50, 16, 2, 2, 32, 4
    model = Gpt(vocab, block, layers, heads, embd)
    # Larger than GPT-2's N(0, 0.02) so attention is far from uniform and no gradient is negligible;
    # LayerNorm weights and all biases are random too, so their gradients are tested in full.
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name in ("wte.weight", "wpe.weight"):
                p.copy_(0.3 * randn(*p.shape))
            elif "ln_" in name:
                p.copy_((1.0 if name.endswith("weight") else 0.0) + 0.1 * randn(*p.shape))
            elif name.endswith("weight"):
                p.copy_(0.2 * randn(*p.shape))
            else:
                p.copy_(0.05 * randn(*p.shape))

    ids = torch.randint(0, vocab, (batch, block))
    targets = torch.randint(0, vocab, (batch, block))
    out = {name: p.detach().clone() for name, p in model.named_parameters()}
    out["ids"] = ids.float()
    out["targets"] = targets.float()

    logits, loss = model(ids, targets)
    loss.backward()
    out["logits"] = logits
    out["loss"] = loss
    for name, p in model.named_parameters():
        out[f"grad.{name}"] = p.grad.clone()

    names = [name for name, _ in model.named_parameters()]
    decayed = [name for name in names if is_decayed(name)]
    groups = [
        {"params": [p for n, p in model.named_parameters() if is_decayed(n)], "weight_decay": 0.1},
        {"params": [p for n, p in model.named_parameters() if not is_decayed(n)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    losses = []
    for _ in range(10):
        optimizer.zero_grad(set_to_none=True)
        _, loss = model(ids, targets)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            losses.append(model(ids, targets)[1].item())
    out["adamw.losses"] = torch.tensor(losses)
    for name, p in model.named_parameters():
        out[f"adamw.{name}"] = p.detach().clone()

    metadata = {"decay": ",".join(decayed), "torch": torch.__version__}
    return out, metadata


def main():
    torch.set_num_threads(1)  # one thread: the same summation order on every run
    ops_cases()
    save_safetensors(os.path.join(HERE, "ops.safetensors"), OPS, {"torch": torch.__version__})
    gpt, metadata = gpt_fixture()
    save_safetensors(os.path.join(HERE, "gpt.safetensors"), gpt, metadata)
    for name in ("ops.safetensors", "gpt.safetensors"):
        print(f"{name}: {os.path.getsize(os.path.join(HERE, name))} bytes")


if __name__ == "__main__":
    main()
