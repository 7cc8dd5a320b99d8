namespace Llm.Kernels;

/// <summary>Transposing two axes, one element at a time.</summary>
public sealed partial class ReferenceBackend
{
    // src viewed as [outer, d1, mid, d2, inner] → dst [outer, d2, mid, d1, inner]. Its backward is
    // the same call with d1 and d2 swapped: moving numbers back where they came from.
    public void Transpose(in TransposeArgs args)
    {
        var (src, dst, outer, d1, mid, d2, inner) = args;
        var (s, d) = (Data(src), Data(dst));
        for (long o = 0; o < outer; o++)
        {
            for (long i = 0; i < d1; i++)
            {
                for (long m = 0; m < mid; m++)
                {
                    for (long j = 0; j < d2; j++)
                    {
                        for (long e = 0; e < inner; e++)
                        {
                            var from = ((((((o * d1) + i) * mid) + m) * d2) + j) * inner;
                            var to = ((((((o * d2) + j) * mid) + m) * d1) + i) * inner;
                            d[to + e] = s[from + e];
                        }
                    }
                }
            }
        }
    }
}
