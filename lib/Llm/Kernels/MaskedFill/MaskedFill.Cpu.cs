using System.Numerics.Tensors;

namespace Llm.Kernels;

/// <summary>y = mask ? value : x, the mask broadcast to x's shape.</summary>
public sealed partial class CpuBackend
{
    public void MaskedFill(in MaskedFillArgs args)
    {
        var (x, shape, mask, maskShape, value, y) = args;
        var xv = Data(x);
        var mv = Data(mask);
        var yv = Data(y);
        var rank = shape.Length;
        var n = Shape.Numel(shape);
        var strides = Shape.BroadcastStrides(maskShape, shape);
        var cols = rank == 0 ? 1 : shape[rank - 1];
        var rows = (int)(n / Math.Max(1, cols));
        var lastStride = rank == 0 ? 0 : strides[rank - 1];
        CpuParallel.For(rows, cols, (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                long o = 0, rest = r;
                for (var d = rank - 2; d >= 0; d--)
                {
                    var i = rest % shape[d];
                    rest /= shape[d];
                    o += i * strides[d];
                }

                var baseIndex = (long)r * cols;
                for (var c = 0; c < cols; c++)
                {
                    var masked = mv[o + (c * lastStride)] != 0f;
                    yv[baseIndex + c] = masked ? value : xv[baseIndex + c];
                }
            }
        });
    }
}
