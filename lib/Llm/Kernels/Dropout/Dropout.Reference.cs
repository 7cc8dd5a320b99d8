namespace Llm.Kernels;

/// <summary>Dropout as a plain loop.</summary>
public sealed partial class ReferenceBackend
{
    // y (+)= x·keep/(1 − p), keep = hash(seed, i) ≥ p·2³² (Srivastava et al. 2014). The backward is the
    // same call on dy: dy/dx = keep/(1 − p), and the mask is redrawn from the seed rather than stored.
    public void Dropout(in DropoutArgs args)
    {
        var (x, y, n, p, seed, accumulate) = args;
        var (xv, yv) = (Data(x), Data(y));
        var threshold = DropoutArgs.Threshold(p);
        for (long i = 0; i < n; i++)
        {
            var v = CounterHash.Bits(seed, (ulong)i) >= threshold ? xv[i] * (1f / (1f - p)) : 0f;
            yv[i] = accumulate ? yv[i] + v : v;
        }
    }
}
