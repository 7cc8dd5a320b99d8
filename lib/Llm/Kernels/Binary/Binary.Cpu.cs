using System.Numerics.Tensors;

namespace Llm.Kernels;

/// <summary>Element-wise kernels: binary ops with broadcasting, unary ops and their derivatives, sums that undo broadcasting.</summary>
public sealed partial class CpuBackend
{
    public void Binary(in BinaryArgs args)
    {
        var (op, a, aShape, b, bShape, c, outShape) = args;
        var av = Data(a);
        var bv = Data(b);
        var cv = Data(c);
        var rank = outShape.Length;
        var n = Shape.Numel(outShape);
        if (rank == 0 || (Shape.SameShape(aShape, outShape) && Shape.SameShape(bShape, outShape)))
        {
            CpuParallel.For((int)((n + 4095) / 4096), 4096, (s, e) =>
            {
                var start = s * 4096L;
                var len = (int)(Math.Min(n, e * 4096L) - start);
                Apply(op, av.AsSpan((int)start, len), bv.AsSpan((int)start, len), cv.AsSpan((int)start, len));
            });
            return;
        }

        // Walk the output row by row (rows of the last dimension); each input either runs along the
        // row (stride 1) or repeats one value (stride 0, broadcast).
        var sa = Shape.BroadcastStrides(aShape, outShape);
        var sb = Shape.BroadcastStrides(bShape, outShape);
        var cols = outShape[rank - 1];
        var rows = (int)(n / Math.Max(1, cols));
        CpuParallel.For(rows, cols, (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                long oa = 0, ob = 0, rest = r;
                for (var d = rank - 2; d >= 0; d--)
                {
                    var i = rest % outShape[d];
                    rest /= outShape[d];
                    oa += i * sa[d];
                    ob += i * sb[d];
                }

                var cRow = cv.AsSpan(r * cols, cols);
                if (sa[rank - 1] == 0 && sb[rank - 1] == 0)
                {
                    cRow.Fill(Scalar(op, av[oa], bv[ob]));
                }
                else if (sa[rank - 1] == 0)
                {
                    ApplyScalarFirst(op, av[oa], bv.AsSpan((int)ob, cols), cRow);
                }
                else if (sb[rank - 1] == 0)
                {
                    ApplyScalarSecond(op, av.AsSpan((int)oa, cols), bv[ob], cRow);
                }
                else
                {
                    Apply(op, av.AsSpan((int)oa, cols), bv.AsSpan((int)ob, cols), cRow);
                }
            }
        });
    }

    public void SumTo(in SumToArgs args)
    {
        var (src, srcShape, dst, dstShape, accumulate) = args;
        var s = Data(src);
        var d = Data(dst);
        var rank = srcShape.Length;
        var dn = (int)Shape.Numel(dstShape);
        var sn = Shape.Numel(srcShape);
        var strides = Shape.BroadcastStrides(dstShape, srcShape);
        if (!accumulate)
        {
            d.AsSpan(0, dn).Clear();
        }

        if (dn == 1)
        {
            d[0] += TensorPrimitives.Sum(s.AsSpan(0, (int)sn));
            return;
        }

        // Fast path: the kept dimensions are a trailing block, e.g. [N, C] -> [C]. Each column
        // block is summed over all rows by one thread, in row order, so results never depend on threads.
        var keptTail = 1;
        var split = rank;
        while (split > 0 && strides[split - 1] != 0)
        {
            split--;
            keptTail *= srcShape[split];
        }

        var allReducedBefore = true;
        for (var i = 0; i < split; i++)
        {
            allReducedBefore &= strides[i] == 0;
        }

        if (allReducedBefore && keptTail == dn)
        {
            var rows = (int)(sn / Math.Max(1, keptTail));
            const int block = 256;
            CpuParallel.For((keptTail + block - 1) / block, (long)rows * block, (b0, b1) =>
            {
                for (var b = b0; b < b1; b++)
                {
                    var c0 = b * block;
                    var len = Math.Min(block, keptTail - c0);
                    var acc = d.AsSpan(c0, len);
                    for (var r = 0; r < rows; r++)
                    {
                        TensorPrimitives.Add(acc, s.AsSpan((r * keptTail) + c0, len), acc);
                    }
                }
            });
            return;
        }

        // General case: add every source element into the destination element it broadcast from.
        var cols = rank == 0 ? 1 : srcShape[rank - 1];
        var srcRows = sn / Math.Max(1, cols);
        var lastStride = rank == 0 ? 0 : strides[rank - 1];
        for (long r = 0; r < srcRows; r++)
        {
            long o = 0, rest = r;
            for (var dim = rank - 2; dim >= 0; dim--)
            {
                var i = rest % srcShape[dim];
                rest /= srcShape[dim];
                o += i * strides[dim];
            }

            var row = s.AsSpan((int)(r * cols), cols);
            if (lastStride == 0)
            {
                d[o] += TensorPrimitives.Sum(row);
            }
            else
            {
                var target = d.AsSpan((int)o, cols);
                TensorPrimitives.Add(target, row, target);
            }
        }
    }

    private static void Apply(BinaryOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, c); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, c); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, b, c); break;
            default: TensorPrimitives.Divide(a, b, c); break;
        }
    }

    private static void ApplyScalarSecond(BinaryOp op, ReadOnlySpan<float> a, float b, Span<float> c)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, c); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, c); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, b, c); break;
            default: TensorPrimitives.Divide(a, b, c); break;
        }
    }

    private static void ApplyScalarFirst(BinaryOp op, float a, ReadOnlySpan<float> b, Span<float> c)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(b, a, c); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, c); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(b, a, c); break;
            default: TensorPrimitives.Divide(a, b, c); break;
        }
    }

    private static float Scalar(BinaryOp op, float a, float b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Subtract => a - b,
        BinaryOp.Multiply => a * b,
        _ => a / b,
    };
}
