using System.Numerics.Tensors;

namespace Llm.Kernels;

/// <summary>Embedding lookups, dropout, the AdamW update and norms.</summary>
public sealed partial class CpuBackend
{
    public void AdamW(in AdamWArgs args)
    {
        var (param, grad, m, v, n, lr, beta1, beta2, eps, weightDecay, step) = args;
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
}
