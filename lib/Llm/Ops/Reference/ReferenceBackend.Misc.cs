namespace Llm.Reference;

/// <summary>Embedding lookups, dropout, the AdamW update and the gradient norm.</summary>
internal sealed partial class ReferenceBackend
{
    // weight [V, cols], ids [N] → output [N, cols]: output[i] = weight[ids[i]], a one-hot row times the table.
    public void Embedding(Storage weight, int[] ids, Storage output, int cols)
    {
        var (w, o) = (Data(weight), Data(output));
        for (var i = 0; i < ids.Length; i++)
        {
            Array.Copy(w, (long)ids[i] * cols, o, (long)i * cols, cols);
        }
    }

    // dweight[ids[i]] += dout[i]: the transpose of the one-hot product; an id used twice gets both rows.
    public void EmbeddingBackward(Storage dout, int[] ids, Storage dweight, int cols)
    {
        var (g, dw) = (Data(dout), Data(dweight));
        for (var i = 0; i < ids.Length; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                dw[((long)ids[i] * cols) + j] += g[((long)i * cols) + j];
            }
        }
    }

    // y (+)= x·keep/(1 − p), keep = hash(seed, i) ≥ p·2³² (Srivastava et al. 2014). The backward is the
    // same call on dy: dy/dx = keep/(1 − p), and the mask is redrawn from the seed rather than stored.
    public void Dropout(Storage x, Storage y, long n, float p, ulong seed, bool accumulate)
    {
        var (xv, yv) = (Data(x), Data(y));
        var threshold = (uint)Math.Min(uint.MaxValue, p * 4294967296.0);
        for (long i = 0; i < n; i++)
        {
            var v = Generator.Hash(seed, (ulong)i) >= threshold ? xv[i] * (1f / (1f - p)) : 0f;
            yv[i] = accumulate ? yv[i] + v : v;
        }
    }

    // AdamW (Loshchilov & Hutter 2019), the step of torch.optim.AdamW:
    //   p ← p·(1 − lr·λ);  m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
    //   p ← p − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)
    public void AdamW(Storage param, Storage grad, Storage m, Storage v, long n, float lr, float beta1, float beta2, float eps, float weightDecay, int step)
    {
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

    // Σ x², for the gradient norm of clipping.
    public double SumOfSquares(Storage x, long n)
    {
        var xv = Data(x);
        double sum = 0;
        for (long i = 0; i < n; i++)
        {
            sum += (double)xv[i] * xv[i];
        }

        return sum;
    }
}
