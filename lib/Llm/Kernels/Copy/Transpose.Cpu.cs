namespace Llm.Kernels;

/// <summary>Transposes two axes of a tensor by copying blocks.</summary>
public sealed partial class CpuBackend
{
    public void Transpose(in TransposeArgs args)
    {
        var (src, dst, outer, d1, mid, d2, inner) = args;
        var s = Data(src);
        var d = Data(dst);
        // source index [o, i, m, j, x] -> destination index [o, j, m, i, x]
        CpuParallel.For(outer * d1, (long)mid * d2 * inner, (start, end) =>
        {
            for (var oi = start; oi < end; oi++)
            {
                var o = oi / d1;
                var i = oi % d1;
                for (var mm = 0; mm < mid; mm++)
                {
                    for (var j = 0; j < d2; j++)
                    {
                        long from = ((((((long)o * d1) + i) * mid) + mm) * d2 + j) * inner;
                        long to = ((((((long)o * d2) + j) * mid) + mm) * d1 + i) * inner;
                        s.AsSpan((int)from, inner).CopyTo(d.AsSpan((int)to, inner));
                    }
                }
            }
        });
    }
}
