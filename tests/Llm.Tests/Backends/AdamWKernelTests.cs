using Llm.Kernels;

namespace Llm.Tests.Backends;

/// <summary>
/// The CPU's AdamW runs in vector passes; each element must still get exactly the scalar formula's
/// bits (torch.optim.AdamW's order of operations), so that training matches PyTorch to the last bit
/// where it can (tests/Llm.Tests/Reference checks the whole optimizer against PyTorch).
/// </summary>
public class AdamWKernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2048)]
    [InlineData(5003)] // two full blocks and a ragged third
    public void VectorPassesGiveTheScalarFormulaBitForBit(int n)
    {
        var random = new Generator(5);
        float[] Values(float scale) => Enumerable.Range(0, n).Select(_ => random.NextNormal() * scale).ToArray();
        var (p, g, m) = (Values(1f), Values(0.1f), Values(0.01f));
        var v = Values(0.001f).Select(MathF.Abs).ToArray();
        const float lr = 3e-3f, beta1 = 0.9f, beta2 = 0.95f, eps = 1e-8f, weightDecay = 0.1f;
        const int step = 7;

        var backend = Device.Cpu.Backend;
        var (ps, gs, ms, vs) = (backend.FromArray((float[])p.Clone()), backend.FromArray(g), backend.FromArray((float[])m.Clone()), backend.FromArray((float[])v.Clone()));
        backend.AdamW(new AdamWArgs(ps, gs, ms, vs, n, lr, beta1, beta2, eps, weightDecay, step));
        var got = new float[n];
        backend.CopyToArray(ps, 0, got);

        var bias1 = 1f - MathF.Pow(beta1, step);
        var bias2Sqrt = MathF.Sqrt(1f - MathF.Pow(beta2, step));
        for (var i = 0; i < n; i++)
        {
            var pi = p[i] * (1f - (lr * weightDecay));
            var mi = (m[i] * beta1) + ((1f - beta1) * g[i]);
            var vi = (v[i] * beta2) + ((1f - beta2) * g[i] * g[i]);
            pi -= lr / bias1 * mi / ((MathF.Sqrt(vi) / bias2Sqrt) + eps);
            Assert.Equal(BitConverter.SingleToInt32Bits(pi), BitConverter.SingleToInt32Bits(got[i]));
        }
    }
}
