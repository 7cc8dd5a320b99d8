
namespace Llm.Kernels;

/// <summary>Broadcasting arithmetic, its backward (summing back to an input's shape) and masked_fill.</summary>
public sealed partial class ReferenceBackend
{
    // c = a op b, a and b broadcast to outShape (NumPy rules: shapes aligned from the right, size-1 dimensions stretched).
    public void Binary(in BinaryArgs args)
    {
        var (op, a, aShape, b, bShape, c, outShape) = args;
        var (av, bv, cv) = (Data(a), Data(b), Data(c));
        for (long i = 0; i < Shape.Numel(outShape); i++)
        {
            var (x, y) = (av[SourceIndex(i, outShape, aShape)], bv[SourceIndex(i, outShape, bShape)]);
            cv[i] = op switch
            {
                BinaryOp.Add => x + y,
                BinaryOp.Subtract => x - y,
                BinaryOp.Multiply => x * y,
                BinaryOp.Divide => x / y,
                _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
            };
        }
    }

    // The backward of broadcasting: every element of src adds into the element of dst it was
    // stretched from (d/dx of a broadcast copy is 1 for each copy, so the copies' gradients add up).
    public void SumTo(in SumToArgs args)
    {
        var (src, srcShape, dst, dstShape, accumulate) = args;
        var (s, d) = (Data(src), Data(dst));
        var sums = new double[Shape.Numel(dstShape)];
        for (long i = 0; i < Shape.Numel(srcShape); i++)
        {
            sums[SourceIndex(i, srcShape, dstShape)] += s[i];
        }

        for (var j = 0; j < sums.Length; j++)
        {
            d[j] = (float)((accumulate ? d[j] : 0.0) + sums[j]);
        }
    }

    /// <summary>The flat index in a tensor of <paramref name="from"/>'s shape that broadcasts to flat index <paramref name="i"/> of <paramref name="to"/>.</summary>
    private static long SourceIndex(long i, int[] to, int[] from)
    {
        long index = 0, stride = 1;
        for (int d = to.Length - 1, e = from.Length - 1; d >= 0; d--, e--)
        {
            var coordinate = i % to[d];
            i /= to[d];
            if (e >= 0)
            {
                index += (from[e] == 1 ? 0 : coordinate) * stride;
                stride *= from[e];
            }
        }

        return index;
    }
}
