using System.Numerics.Tensors;

namespace Llm.Backends.Cpu;

/// <summary>Embedding lookups, dropout, the AdamW update and norms.</summary>
internal sealed partial class CpuBackend
{
    public void Embedding(Storage weight, int[] ids, Storage output, int cols)
    {
        var w = Data(weight);
        var o = Data(output);
        CpuParallel.For(ids.Length, cols, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                w.AsSpan(ids[i] * cols, cols).CopyTo(o.AsSpan(i * cols, cols));
            }
        });
    }

    public void EmbeddingBackward(Storage dout, int[] ids, Storage dweight, int cols)
    {
        var g = Data(dout);
        var dw = Data(dweight);
        // Two positions may hold the same id, so rows cannot be split over threads; columns can.
        const int block = 64;
        CpuParallel.For((cols + block - 1) / block, (long)ids.Length * block, (b0, b1) =>
        {
            for (var b = b0; b < b1; b++)
            {
                var c0 = b * block;
                var len = Math.Min(block, cols - c0);
                for (var i = 0; i < ids.Length; i++)
                {
                    var target = dw.AsSpan((ids[i] * cols) + c0, len);
                    TensorPrimitives.Add(target, g.AsSpan((i * cols) + c0, len), target);
                }
            }
        });
    }

    public void Dropout(Storage x, Storage y, long n, float p, ulong seed, bool accumulate)
    {
        var xv = Data(x);
        var yv = Data(y);
        var threshold = (uint)Math.Min(uint.MaxValue, p * 4294967296.0);
        var scale = 1f / (1f - p);
        ForBlocks(n, (start, len) =>
        {
            for (var i = start; i < start + len; i++)
            {
                // Element i is kept when its hash is at or above p·2³²: probability 1 − p.
                var keep = Generator.Hash(seed, (ulong)i) >= threshold;
                var v = keep ? xv[i] * scale : 0f;
                yv[i] = accumulate ? yv[i] + v : v;
            }
        });
    }

    public void AdamW(Storage param, Storage grad, Storage m, Storage v, long n, float lr, float beta1, float beta2, float eps, float weightDecay, int step)
    {
        var p = Data(param);
        var g = Data(grad);
        var mv = Data(m);
        var vv = Data(v);
        // The order of operations follows torch.optim.AdamW so results match it to the last bit where possible.
        var bias1 = 1f - MathF.Pow(beta1, step);
        var bias2 = 1f - MathF.Pow(beta2, step);
        var stepSize = lr / bias1;
        var bias2Sqrt = MathF.Sqrt(bias2);
        var decay = 1f - (lr * weightDecay);
        ForBlocks(n, (start, len) =>
        {
            // Whole-block vector passes doing, element by element, exactly the scalar steps below,
            // in the same order (no fused multiply-add), so the bits still match PyTorch's:
            //   p ← p·(1 − lr·λ);  m ← m·β1 + (1 − β1)·g;  v ← v·β2 + (1 − β2)·g·g
            //   p ← p − (lr / (1 − β1ᵗ))·m / (√v / √(1 − β2ᵗ) + ε)
            var pb = p.AsSpan(start, len);
            var gb = g.AsSpan(start, len);
            var mb = mv.AsSpan(start, len);
            var vb = vv.AsSpan(start, len);
            Span<float> a = stackalloc float[len];
            Span<float> b = stackalloc float[len];
            TensorPrimitives.Multiply(pb, decay, pb);
            TensorPrimitives.Multiply(gb, 1f - beta1, a);
            TensorPrimitives.Multiply(mb, beta1, mb);
            TensorPrimitives.Add(mb, a, mb);
            TensorPrimitives.Multiply(gb, 1f - beta2, a);
            TensorPrimitives.Multiply(a, gb, a);
            TensorPrimitives.Multiply(vb, beta2, vb);
            TensorPrimitives.Add(vb, a, vb);
            TensorPrimitives.Sqrt(vb, a);
            TensorPrimitives.Divide(a, bias2Sqrt, a);
            TensorPrimitives.Add(a, eps, a);
            TensorPrimitives.Multiply(mb, stepSize, b);
            TensorPrimitives.Divide(b, a, b);
            TensorPrimitives.Subtract(pb, b, pb);
        });
    }

    public double SumOfSquares(Storage x, long n)
    {
        var xv = Data(x);
        const int block = 4096;
        var blocks = (int)((n + block - 1) / block);
        var partial = new double[blocks];
        CpuParallel.For(blocks, block, (b0, b1) =>
        {
            for (var b = b0; b < b1; b++)
            {
                var span = xv.AsSpan(b * block, (int)Math.Min(block, n - (b * (long)block)));
                partial[b] = TensorPrimitives.SumOfSquares(span);
            }
        });

        // Partial sums are added in block order, so the total never depends on the thread count.
        return partial.Sum();
    }
}
