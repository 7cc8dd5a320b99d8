using static Llm.Kernels.CudaException;

namespace Llm.Kernels;

/// <summary>Embedding lookups, dropout, the AdamW update and norms.</summary>
internal sealed partial class CudaBackend
{
    public void AdamW(in AdamWArgs args)
    {
        var (param, grad, m, v, n, lr, beta1, beta2, eps, weightDecay, step) = args;
        if (n <= 0)
        {
            return;
        }

        // Scalars as the CPU backend computes them (in float, on the host).
        var bias1 = 1f - MathF.Pow(beta1, step);
        var bias2 = 1f - MathF.Pow(beta2, step);
        var stepSize = lr / bias1;
        var bias2Sqrt = MathF.Sqrt(bias2);
        var decay = 1f - (lr * weightDecay);
        Launch(KernelSource.AdamW, ForElements(n), param, grad, m, v, n, beta1, beta2, eps, stepSize, bias2Sqrt, decay);
    }
}
