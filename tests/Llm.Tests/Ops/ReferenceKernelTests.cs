using Llm.Kernels;
using Xunit.Abstractions;

namespace Llm.Tests.Ops;

/// <summary>
/// Property tests: each CPU kernel against its plain reference loop (Kernels/<Primitive>/<Primitive>.Reference.cs), over
/// shapes drawn from the awkward sizes and over seeds. Forward and backward, overwrite and add.
/// Tolerances are float32 rounding: the kernels sum in float with SIMD and blocking, the reference
/// in double, so long sums (products over k, rows of a softmax) get a looser bound.
/// </summary>
public class ReferenceKernelTests(ITestOutputHelper log)
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 8)];

    public static TheoryData<UnaryOp, int> UnaryCases
    {
        get
        {
            var cases = new TheoryData<UnaryOp, int>();
            foreach (var op in Enum.GetValues<UnaryOp>())
            {
                for (var seed = 1; seed <= 3; seed++)
                {
                    cases.Add(op, seed);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void UnaryAndItsDerivative(UnaryOp op, int seed)
    {
        var k = new KernelPair(log, seed);
        foreach (var n in KernelPair.Awkward)
        {
            // Log and fractional powers need positive inputs; ReLU's kink at 0 is never hit by these draws.
            var positive = op is UnaryOp.Log or UnaryOp.PowScalar;
            var x = positive ? k.Values(n, 0.5f, 2f) : k.Values(n, 2f);
            var scalar = op == UnaryOp.PowScalar ? 2.5f : 0.75f;
            var (y, dy, dx) = (k.Values(n), k.Values(n), k.Values(n));
            KernelPair.Run(s => new UnaryArgs(op, s(x), s(y), n, scalar));
            k.Same($"{op} n={n}", y, rtol: 1e-5, atol: 1e-6);
            foreach (var accumulate in new[] { false, true })
            {
                KernelPair.Run(s => new UnaryBackwardArgs(op, s(x), s(y), s(dy), s(dx), n, scalar, accumulate));
                k.Same($"{op} backward n={n} accumulate={accumulate}", dx, rtol: 1e-5, atol: 1e-5);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void BroadcastArithmeticAndSumTo(int seed)
    {
        var k = new KernelPair(log, seed);
        var (rows, cols) = (k.Size(), k.Size());
        int[] full = [2, rows, cols];
        foreach (var other in new[] { full, [rows, cols], [cols], [rows, 1], [1], [2, 1, cols] })
        {
            foreach (var op in Enum.GetValues<BinaryOp>())
            {
                var a = k.Values(Shape.Numel(full));
                var b = op == BinaryOp.Divide ? k.Values(Shape.Numel(other), 0.5f, 2f) : k.Values(Shape.Numel(other));
                var c = k.Values(Shape.Numel(full));
                KernelPair.Run(s => new BinaryArgs(op, s(a), full, s(b), other, s(c), full));
                k.Same($"{op} {Shape.Format(full)} with {Shape.Format(other)}", c);

                // Reversed: the small operand on the left.
                KernelPair.Run(s => new BinaryArgs(op, s(b), other, s(a), full, s(c), full));
                k.Same($"{op} {Shape.Format(other)} with {Shape.Format(full)}", c, atol: 1e-5);
            }

            foreach (var accumulate in new[] { false, true })
            {
                var (src, dst) = (k.Values(Shape.Numel(full)), k.Values(Shape.Numel(other)));
                KernelPair.Run(s => new SumToArgs(s(src), full, s(dst), other, accumulate));
                k.Same($"SumTo {Shape.Format(full)} → {Shape.Format(other)} accumulate={accumulate}", dst, rtol: 1e-5, atol: 1e-4);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MaskedFillTransposeAndCopyBlocks(int seed)
    {
        var k = new KernelPair(log, seed);
        var (b, t, c) = (k.Size(), k.Size(), k.Size());
        int[] shape = [b, t, c];
        int[] maskShape = [t, c];
        var x = k.Values(Shape.Numel(shape));
        var mask = k.Mask(Shape.Numel(maskShape));
        var y = k.Values(Shape.Numel(shape));
        KernelPair.Run(s => new MaskedFillArgs(s(x), shape, s(mask), maskShape, float.NegativeInfinity, s(y)));
        k.Same($"MaskedFill {Shape.Format(shape)}", y, rtol: 0, atol: 0);

        var (outer, mid, inner) = (k.Random.Next(1, 4), k.Random.Next(1, 4), k.Random.Next(1, 4));
        var (d1, d2) = (k.Size(), k.Size());
        var n = (long)outer * d1 * mid * d2 * inner;
        var (src, dst) = (k.Values(n), k.Values(n));
        KernelPair.Run(s => new TransposeArgs(s(src), s(dst), outer, d1, mid, d2, inner));
        k.Same($"Transpose [{outer}, {d1}, {mid}, {d2}, {inner}]", dst, rtol: 0, atol: 0);

        foreach (var accumulate in new[] { false, true })
        {
            var (from, to) = (k.Values(3L * c * 2), k.Values(3L * c * 3));
            KernelPair.Run(s => new CopyBlocksArgs(s(from), 1, 2L * c, s(to), 2, 3L * c, 3, c, accumulate));
            k.Same($"CopyBlocks cols={c} accumulate={accumulate}", to, rtol: 0, atol: 0);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MatMulEveryLayout(int seed)
    {
        var k = new KernelPair(log, seed);
        var (m, n, inner) = (k.Size(), k.Size(), k.Size());
        var batch = k.Random.Next(1, 4);
        foreach (var (transA, transB) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            foreach (var (beta, sharedOutput) in new[] { (0f, false), (1f, false), (1f, true) })
            {
                var a = k.Values((long)batch * m * inner);
                var b = k.Values((long)batch * inner * n);
                var c = k.Values((long)batch * m * n);
                var strideC = sharedOutput ? 0 : (long)m * n;
                KernelPair.Run(s => new MatMulArgs(new(s(a), transA, (long)m * inner), new(s(b), transB, (long)inner * n), s(c), strideC, batch, m, n, inner, beta));

                // A sum of k products of numbers near 1 rounds by about √k float32 ulps.
                k.Same($"MatMul {batch}×({m}×{inner})·({inner}×{n}) transA={transA} transB={transB} beta={beta} strideC={strideC}", c, rtol: 1e-4, atol: 1e-5 * Math.Sqrt(inner * batch));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SoftmaxCausalAndLog(int seed)
    {
        var k = new KernelPair(log, seed);
        var (tq, cols) = (k.Size(), k.Size());
        tq = Math.Min(tq, cols);
        var rows = tq * k.Random.Next(1, 4);
        foreach (var causal in new[] { false, true })
        {
            foreach (var isLog in new[] { false, true })
            {
                var name = $"{(isLog ? "LogSoftmax" : "Softmax")} [{rows}, {cols}] causal={causal} tq={tq}";
                var (x, y) = (k.Values((long)rows * cols, 3f), k.Values((long)rows * cols));
                KernelPair.Run(s => new SoftmaxArgs(s(x), s(y), rows, cols, causal, tq, isLog));
                k.Same(name, y, rtol: 1e-5, atol: 1e-6);
                foreach (var accumulate in new[] { false, true })
                {
                    var (dy, dx) = (k.Values((long)rows * cols), k.Values((long)rows * cols));
                    KernelPair.Run(s => new SoftmaxBackwardArgs(s(y), s(dy), s(dx), rows, cols, isLog, accumulate));
                    k.Same($"{name} backward accumulate={accumulate}", dx, rtol: 1e-4, atol: 1e-5);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CrossEntropyWithIgnoredRows(int seed)
    {
        var k = new KernelPair(log, seed);
        var (rows, vocab) = (k.Size(), k.Size());
        var targets = k.Ids(rows, vocab);
        targets[k.Random.Next(rows)] = -100;
        var logits = k.Values((long)rows * vocab, 4f);
        var (losses, lse) = (k.Values(rows), k.Values(rows));
        KernelPair.Run(s => new CrossEntropyArgs(s(logits), targets, s(losses), s(lse), rows, vocab, -100));
        k.Same($"CrossEntropy losses [{rows}, {vocab}]", losses, rtol: 1e-5, atol: 1e-5);
        k.Same($"CrossEntropy logsumexp [{rows}, {vocab}]", lse, rtol: 1e-5, atol: 1e-5);
        foreach (var accumulate in new[] { false, true })
        {
            var d = k.Values((long)rows * vocab);
            KernelPair.Run(s => new CrossEntropyBackwardArgs(s(logits), s(lse), targets, s(d), rows, vocab, -100, 0.3f, accumulate));
            k.Same($"CrossEntropy backward [{rows}, {vocab}] accumulate={accumulate}", d, rtol: 1e-5, atol: 1e-6);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void LayerNormForwardAndBackward(int seed)
    {
        var k = new KernelPair(log, seed);
        var (rows, cols) = (k.Size() + k.Random.Next(40), k.Size());
        var (x, w, b) = (k.Values((long)rows * cols, 2f, 0.5f), k.Values(cols), k.Values(cols));
        var (y, mean, rstd) = (k.Values((long)rows * cols), k.Values(rows), k.Values(rows));
        KernelPair.Run(s => new LayerNormArgs(s(x), s(w), s(b), s(y), s(mean), s(rstd), rows, cols, 1e-5f));
        k.Same($"LayerNorm [{rows}, {cols}]", y, rtol: 1e-4, atol: 1e-5);
        k.Same($"LayerNorm mean [{rows}, {cols}]", mean, rtol: 1e-5, atol: 1e-6);
        k.Same($"LayerNorm rstd [{rows}, {cols}]", rstd, rtol: 1e-4, atol: 1e-6);

        // The backward adds into what is there; it reads the reference's saved mean and rstd on both sides.
        var (dy, dx, dw, db) = (k.Values((long)rows * cols), k.Values((long)rows * cols), k.Values(cols), k.Values(cols));
        KernelPair.Run(s => new LayerNormBackwardArgs(s(dy), s(x), s(w), s(mean), s(rstd), s(dx), s(dw), s(db), rows, cols));
        k.Same($"LayerNorm dx [{rows}, {cols}]", dx, rtol: 1e-4, atol: 1e-4);
        k.Same($"LayerNorm dweight [{rows}, {cols}]", dw, rtol: 1e-4, atol: 1e-4 * Math.Sqrt(rows));
        k.Same($"LayerNorm dbias [{rows}, {cols}]", db, rtol: 1e-4, atol: 1e-4 * Math.Sqrt(rows));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EmbeddingDropoutAdamWAndNorm(int seed)
    {
        var k = new KernelPair(log, seed);
        var (vocab, cols, count) = (k.Size(), k.Size(), k.Size());
        var ids = k.Ids(count, vocab);
        var (table, output) = (k.Values((long)vocab * cols), k.Values((long)count * cols));
        KernelPair.Run(s => new EmbeddingArgs(s(table), ids, s(output), cols));
        k.Same($"Embedding {count} ids of [{vocab}, {cols}]", output, rtol: 0, atol: 0);
        var dtable = k.Values((long)vocab * cols);
        KernelPair.Run(s => new EmbeddingBackwardArgs(s(output), ids, s(dtable), cols));
        k.Same($"Embedding backward {count} ids of [{vocab}, {cols}]", dtable, rtol: 1e-5, atol: 1e-5);

        var n = (long)count * cols;
        foreach (var accumulate in new[] { false, true })
        {
            var (x, y) = (k.Values(n), k.Values(n));
            KernelPair.Run(s => new DropoutArgs(s(x), s(y), n, 0.3f, (ulong)seed, accumulate));
            k.Same($"Dropout n={n} accumulate={accumulate}", y, rtol: 0, atol: 0);
        }

        var (p, g, m, v) = (k.Values(n), k.Values(n), k.Values(n, 0.1f), k.Values(n, 0.1f, 0.5f));
        for (var step = 1; step <= 3; step++)
        {
            KernelPair.Run(s => new AdamWArgs(s(p), s(g), s(m), s(v), n, 1e-2f, 0.9f, 0.95f, 1e-8f, 0.1f, step));
        }

        k.Same($"AdamW parameters n={n}", p, rtol: 1e-5, atol: 1e-6);
        k.Same($"AdamW second moments n={n}", v, rtol: 1e-5, atol: 1e-7);
        var (fast, slow) = (new double[1], new double[1]);
        KernelPair.Fast.SumOfSquares(new SumOfSquaresArgs(g.Fast, n, fast));
        KernelPair.Slow.SumOfSquares(new SumOfSquaresArgs(g.Slow, n, slow));
        Assert.True(Math.Abs(fast[0] - slow[0]) <= 1e-6 * slow[0], $"SumOfSquares n={n}: fast {fast[0]}, reference {slow[0]}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AttentionForwardAndBackward(int seed)
    {
        var k = new KernelPair(log, seed);
        var (batch, heads, tk, hs) = (k.Random.Next(1, 3), k.Random.Next(1, 4), k.Size() + k.Random.Next(70), k.Random.Next(1, 5) * 8 + 3);
        foreach (var (tq, causal, packed, dropout) in new[] { (tk, true, true, 0f), (tk, true, false, 0f), (k.Random.Next(1, tk + 1), true, false, 0f), (k.Size(), false, false, 0f), (tk, true, true, 0.3f), (k.Size(), false, false, 0.15f) })
        {
            // Packed: q, k and v side by side in one [B, T, 3·H·hs] tensor, as c_attn writes them, the output [B, T, H·hs].
            var name = $"Attention {batch}×{heads}×[{tq}, {hs}] over {tk} keys, causal: {causal}, packed: {packed}, dropout: {dropout}";
            var qkv = k.Values((long)batch * tk * 3 * heads * hs);
            var (q, key, v) = packed ? (qkv, qkv, qkv) : (k.Values((long)batch * heads * tq * hs), k.Values((long)batch * heads * tk * hs), k.Values((long)batch * heads * tk * hs));
            var (o, lse) = (k.Values((long)batch * heads * tq * hs), k.Values((long)batch * heads * tq));
            HeadLayout Layout(Storage s, int part, int rows) => packed ? HeadLayout.Interleaved(s, part, 3, heads, rows, hs) : HeadLayout.Contiguous(s, heads, rows, hs);
            HeadLayout Output(Storage s) => packed ? HeadLayout.Interleaved(s, 0, 1, heads, tq, hs) : HeadLayout.Contiguous(s, heads, tq, hs);
            AttentionArgs Forward(Func<Pair, Storage> s) =>
                new(Layout(s(q), 0, tq), Layout(s(key), 1, tk), Layout(s(v), 2, tk), Output(s(o)), s(lse), batch, heads, tq, tk, hs, 1f / MathF.Sqrt(hs), causal, dropout, (ulong)seed);
            KernelPair.Run(Forward);
            k.Same($"{name} output", o, rtol: 1e-4, atol: 1e-5);
            k.Same($"{name} log-sum-exp", lse, rtol: 1e-5, atol: 1e-5);

            // The backward adds into what is there, reading the reference's saved output and log-sum-exp on both sides.
            var dout = k.Values((long)batch * heads * tq * hs);
            if (packed)
            {
                var dqkv = k.Values((long)batch * tk * 3 * heads * hs);
                KernelPair.Run(s => Forward(s).Backward(s(dout), s(dqkv), s(dqkv), s(dqkv)));
                k.Same($"{name} dqkv", dqkv, rtol: 1e-4, atol: 1e-4);
                continue;
            }

            var (dq, dk, dv) = (k.Values((long)batch * heads * tq * hs), k.Values((long)batch * heads * tk * hs), k.Values((long)batch * heads * tk * hs));
            KernelPair.Run(s => Forward(s).Backward(s(dout), s(dq), s(dk), s(dv)));
            k.Same($"{name} dq", dq, rtol: 1e-4, atol: 1e-4);
            k.Same($"{name} dk", dk, rtol: 1e-4, atol: 1e-4);
            k.Same($"{name} dv", dv, rtol: 1e-4, atol: 1e-4);
        }
    }
}
