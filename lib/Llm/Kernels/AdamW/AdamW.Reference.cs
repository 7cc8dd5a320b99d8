namespace Llm.Kernels;

/// <summary>Embedding lookups, dropout, the AdamW update and the gradient norm.</summary>
public sealed partial class ReferenceBackend
{
    // AdamW (Loshchilov & Hutter 2019), the step of torch.optim.AdamW:
    //   p ← p·(1 − lr·λ);  m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
    //   p ← p − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)
    public void AdamW(in AdamWArgs args)
    {
        var (param, grad, m, v, n, lr, beta1, beta2, eps, weightDecay, step) = args;
        var (p, g, mv, vv) = (Data(param), Data(grad), Data(m), Data(v));
        var bias1 = 1 - Math.Pow(beta1, step);
        var bias2 = 1 - Math.Pow(beta2, step);
        for (long i = 0; i < n; i++)
        {
            mv[i] = (float)((beta1 * (double)mv[i]) + ((1 - (double)beta1) * g[i]));
            vv[i] = (float)((beta2 * (double)vv[i]) + ((1 - (double)beta2) * g[i] * g[i]));
            var decayed = p[i] * (1 - ((double)lr * weightDecay));
            p[i] = (float)(decayed - (lr / bias1 * mv[i] / ((Math.Sqrt(vv[i]) / Math.Sqrt(bias2)) + eps)));
        }
    }
}
