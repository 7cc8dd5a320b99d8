using System.Runtime.Intrinsics;

namespace Llm.Kernels;

/// <summary>Dropout with a counter-based mask, forward and backward.</summary>
public sealed partial class CpuBackend
{
    public void Dropout(in DropoutArgs args)
    {
        var (x, y, n, p, seed, accumulate) = args;
        var xv = Data(x);
        var yv = Data(y);
        var threshold = DropoutArgs.Threshold(p);
        var scale = 1f / (1f - p);
        ForBlocks(n, (start, len) =>
        {
            var i = start;
            if (Vector512.IsHardwareAccelerated)
            {
                // Sixteen elements at a time: the same hashes and the same products, so the same bits.
                for (; i + 16 <= start + len; i += 16)
                {
                    var kept = CounterHash.KeptMask16(seed, (ulong)i, threshold);
                    var v = Vector512.ConditionalSelect(kept, Vector512.Create(xv.AsSpan(i)) * scale, Vector512<float>.Zero);
                    (accumulate ? Vector512.Create(yv.AsSpan(i)) + v : v).CopyTo(yv.AsSpan(i));
                }
            }

            for (; i < start + len; i++)
            {
                // Element i is kept when its hash is at or above p·2³²: probability 1 − p.
                var keep = CounterHash.Bits(seed, (ulong)i) >= threshold;
                var v = keep ? xv[i] * scale : 0f;
                yv[i] = accumulate ? yv[i] + v : v;
            }
        });
    }
}
