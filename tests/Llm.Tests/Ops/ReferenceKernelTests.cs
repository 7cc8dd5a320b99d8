using Llm.Kernels;
using Xunit.Abstractions;

namespace Llm.Tests.Ops;

/// <summary>
/// Property tests: each CPU kernel against its plain reference loop (lib/Llm/Ops/Reference), over
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
            KernelPair.Fast.Unary(op, x.Fast, y.Fast, n, scalar);
            KernelPair.Slow.Unary(op, x.Slow, y.Slow, n, scalar);
            k.Same($"{op} n={n}", y, rtol: 1e-5, atol: 1e-6);
            foreach (var accumulate in new[] { false, true })
            {
                KernelPair.Fast.UnaryBackward(op, x.Fast, y.Fast, dy.Fast, dx.Fast, n, scalar, accumulate);
                KernelPair.Slow.UnaryBackward(op, x.Slow, y.Slow, dy.Slow, dx.Slow, n, scalar, accumulate);
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
                KernelPair.Fast.Binary(op, a.Fast, full, b.Fast, other, c.Fast, full);
                KernelPair.Slow.Binary(op, a.Slow, full, b.Slow, other, c.Slow, full);
                k.Same($"{op} {Shape.Format(full)} with {Shape.Format(other)}", c);

                // Reversed: the small operand on the left.
                KernelPair.Fast.Binary(op, b.Fast, other, a.Fast, full, c.Fast, full);
                KernelPair.Slow.Binary(op, b.Slow, other, a.Slow, full, c.Slow, full);
                k.Same($"{op} {Shape.Format(other)} with {Shape.Format(full)}", c, atol: 1e-5);
            }

            foreach (var accumulate in new[] { false, true })
            {
                var (src, dst) = (k.Values(Shape.Numel(full)), k.Values(Shape.Numel(other)));
                KernelPair.Fast.SumTo(src.Fast, full, dst.Fast, other, accumulate);
                KernelPair.Slow.SumTo(src.Slow, full, dst.Slow, other, accumulate);
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
        KernelPair.Fast.MaskedFill(x.Fast, shape, mask.Fast, maskShape, float.NegativeInfinity, y.Fast);
        KernelPair.Slow.MaskedFill(x.Slow, shape, mask.Slow, maskShape, float.NegativeInfinity, y.Slow);
        k.Same($"MaskedFill {Shape.Format(shape)}", y, rtol: 0, atol: 0);

        var (outer, mid, inner) = (k.Random.Next(1, 4), k.Random.Next(1, 4), k.Random.Next(1, 4));
        var (d1, d2) = (k.Size(), k.Size());
        var n = (long)outer * d1 * mid * d2 * inner;
        var (src, dst) = (k.Values(n), k.Values(n));
        KernelPair.Fast.Transpose(src.Fast, dst.Fast, outer, d1, mid, d2, inner);
        KernelPair.Slow.Transpose(src.Slow, dst.Slow, outer, d1, mid, d2, inner);
        k.Same($"Transpose [{outer}, {d1}, {mid}, {d2}, {inner}]", dst, rtol: 0, atol: 0);

        foreach (var accumulate in new[] { false, true })
        {
            var (from, to) = (k.Values(3L * c * 2), k.Values(3L * c * 3));
            KernelPair.Fast.CopyBlocks(from.Fast, 1, 2L * c, to.Fast, 2, 3L * c, 3, c, accumulate);
            KernelPair.Slow.CopyBlocks(from.Slow, 1, 2L * c, to.Slow, 2, 3L * c, 3, c, accumulate);
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
                KernelPair.Fast.MatMul(a.Fast, b.Fast, c.Fast, batch, m, n, inner, transA, transB, (long)m * inner, (long)inner * n, strideC, beta);
                KernelPair.Slow.MatMul(a.Slow, b.Slow, c.Slow, batch, m, n, inner, transA, transB, (long)m * inner, (long)inner * n, strideC, beta);

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
                KernelPair.Fast.Softmax(x.Fast, y.Fast, rows, cols, causal, tq, isLog);
                KernelPair.Slow.Softmax(x.Slow, y.Slow, rows, cols, causal, tq, isLog);
                k.Same(name, y, rtol: 1e-5, atol: 1e-6);
                foreach (var accumulate in new[] { false, true })
                {
                    var (dy, dx) = (k.Values((long)rows * cols), k.Values((long)rows * cols));
                    KernelPair.Fast.SoftmaxBackward(y.Fast, dy.Fast, dx.Fast, rows, cols, isLog, accumulate);
                    KernelPair.Slow.SoftmaxBackward(y.Slow, dy.Slow, dx.Slow, rows, cols, isLog, accumulate);
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
        KernelPair.Fast.CrossEntropy(logits.Fast, targets, losses.Fast, lse.Fast, rows, vocab, -100);
        KernelPair.Slow.CrossEntropy(logits.Slow, targets, losses.Slow, lse.Slow, rows, vocab, -100);
        k.Same($"CrossEntropy losses [{rows}, {vocab}]", losses, rtol: 1e-5, atol: 1e-5);
        k.Same($"CrossEntropy logsumexp [{rows}, {vocab}]", lse, rtol: 1e-5, atol: 1e-5);
        foreach (var accumulate in new[] { false, true })
        {
            var d = k.Values((long)rows * vocab);
            KernelPair.Fast.CrossEntropyBackward(logits.Fast, lse.Fast, targets, d.Fast, rows, vocab, -100, 0.3f, accumulate);
            KernelPair.Slow.CrossEntropyBackward(logits.Slow, lse.Slow, targets, d.Slow, rows, vocab, -100, 0.3f, accumulate);
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
        KernelPair.Fast.LayerNorm(x.Fast, w.Fast, b.Fast, y.Fast, mean.Fast, rstd.Fast, rows, cols, 1e-5f);
        KernelPair.Slow.LayerNorm(x.Slow, w.Slow, b.Slow, y.Slow, mean.Slow, rstd.Slow, rows, cols, 1e-5f);
        k.Same($"LayerNorm [{rows}, {cols}]", y, rtol: 1e-4, atol: 1e-5);
        k.Same($"LayerNorm mean [{rows}, {cols}]", mean, rtol: 1e-5, atol: 1e-6);
        k.Same($"LayerNorm rstd [{rows}, {cols}]", rstd, rtol: 1e-4, atol: 1e-6);

        // The backward adds into what is there; it reads the reference's saved mean and rstd on both sides.
        var (dy, dx, dw, db) = (k.Values((long)rows * cols), k.Values((long)rows * cols), k.Values(cols), k.Values(cols));
        KernelPair.Fast.LayerNormBackward(dy.Fast, x.Fast, w.Fast, mean.Fast, rstd.Fast, dx.Fast, dw.Fast, db.Fast, rows, cols);
        KernelPair.Slow.LayerNormBackward(dy.Slow, x.Slow, w.Slow, mean.Slow, rstd.Slow, dx.Slow, dw.Slow, db.Slow, rows, cols);
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
        KernelPair.Fast.Embedding(table.Fast, ids, output.Fast, cols);
        KernelPair.Slow.Embedding(table.Slow, ids, output.Slow, cols);
        k.Same($"Embedding {count} ids of [{vocab}, {cols}]", output, rtol: 0, atol: 0);
        var dtable = k.Values((long)vocab * cols);
        KernelPair.Fast.EmbeddingBackward(output.Fast, ids, dtable.Fast, cols);
        KernelPair.Slow.EmbeddingBackward(output.Slow, ids, dtable.Slow, cols);
        k.Same($"Embedding backward {count} ids of [{vocab}, {cols}]", dtable, rtol: 1e-5, atol: 1e-5);

        var n = (long)count * cols;
        foreach (var accumulate in new[] { false, true })
        {
            var (x, y) = (k.Values(n), k.Values(n));
            KernelPair.Fast.Dropout(x.Fast, y.Fast, n, 0.3f, (ulong)seed, accumulate);
            KernelPair.Slow.Dropout(x.Slow, y.Slow, n, 0.3f, (ulong)seed, accumulate);
            k.Same($"Dropout n={n} accumulate={accumulate}", y, rtol: 0, atol: 0);
        }

        var (p, g, m, v) = (k.Values(n), k.Values(n), k.Values(n, 0.1f), k.Values(n, 0.1f, 0.5f));
        for (var step = 1; step <= 3; step++)
        {
            KernelPair.Fast.AdamW(p.Fast, g.Fast, m.Fast, v.Fast, n, 1e-2f, 0.9f, 0.95f, 1e-8f, 0.1f, step);
            KernelPair.Slow.AdamW(p.Slow, g.Slow, m.Slow, v.Slow, n, 1e-2f, 0.9f, 0.95f, 1e-8f, 0.1f, step);
        }

        k.Same($"AdamW parameters n={n}", p, rtol: 1e-5, atol: 1e-6);
        k.Same($"AdamW second moments n={n}", v, rtol: 1e-5, atol: 1e-7);
        var (fast, slow) = (KernelPair.Fast.SumOfSquares(g.Fast, n), KernelPair.Slow.SumOfSquares(g.Slow, n));
        Assert.True(Math.Abs(fast - slow) <= 1e-6 * slow, $"SumOfSquares n={n}: fast {fast}, reference {slow}");
    }
}
