namespace Llm;

/// <summary>Helpers for shapes: element counts, broadcasting, readable text.</summary>
public static class Shape
{
    /// <summary>Number of elements in a tensor of this shape (1 for a scalar, shape []).</summary>
    public static long Numel(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            n *= d;
        }

        return n;
    }

    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>
    /// The shape two tensors broadcast to (NumPy and PyTorch rules: align from the right, a
    /// dimension of 1 stretches), or null when they cannot.
    /// </summary>
    public static int[]? Broadcast(int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            var db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                return null;
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>Row-major strides of a shape, with stride 0 where a dimension is broadcast into <paramref name="target"/>.</summary>
    internal static long[] BroadcastStrides(int[] shape, int[] target)
    {
        var strides = new long[target.Length];
        long stride = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            var t = target.Length - shape.Length + i;
            strides[t] = shape[i] == 1 && target[t] != 1 ? 0 : stride;
            stride *= shape[i];
        }

        return strides;
    }

    internal static bool SameShape(int[] a, int[] b) => a.AsSpan().SequenceEqual(b);
}
