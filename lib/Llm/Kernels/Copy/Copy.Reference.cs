
namespace Llm.Kernels;

/// <summary>Filling and copying blocks, as plain loops.</summary>
public sealed partial class ReferenceBackend
{
    public void Fill(in FillArgs args) =>
        Data(args.Target).AsSpan((int)args.Offset, (int)args.Count).Fill(args.Value);

    // dst[dstOffset + r·dstStride + j] (+)= src[srcOffset + r·srcStride + j] for r < rows, j < cols.
    public void CopyBlocks(in CopyBlocksArgs args)
    {
        var (src, srcOffset, srcStride, dst, dstOffset, dstStride, rows, cols, accumulate) = args;
        var (s, d) = (Data(src), Data(dst));
        for (long r = 0; r < rows; r++)
        {
            for (long j = 0; j < cols; j++)
            {
                var (from, to) = (srcOffset + (r * srcStride) + j, dstOffset + (r * dstStride) + j);
                d[to] = accumulate ? d[to] + s[from] : s[from];
            }
        }
    }
}
