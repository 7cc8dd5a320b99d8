
namespace Llm.Kernels;

/// <summary>y = mask ? value : x, as a plain loop.</summary>
public sealed partial class ReferenceBackend
{
    // y = x.masked_fill(mask != 0, value), the mask broadcast to x's shape. Its backward is the same
    // call on the gradient with value 0: a filled entry is a constant, so no gradient reaches x there.
    public void MaskedFill(in MaskedFillArgs args)
    {
        var (x, shape, mask, maskShape, value, y) = args;
        var (xv, mv, yv) = (Data(x), Data(mask), Data(y));
        for (long i = 0; i < Shape.Numel(shape); i++)
        {
            yv[i] = mv[SourceIndex(i, shape, maskShape)] != 0f ? value : xv[i];
        }
    }
}
