
namespace Llm.Kernels;

/// <summary>Filling and copying blocks, as plain loops.</summary>
internal sealed partial class ReferenceBackend
{
    public void Fill(Storage storage, long offset, long count, float value) =>
        Data(storage).AsSpan((int)offset, (int)count).Fill(value);

    // dst[dstOffset + r·dstStride + j] (+)= src[srcOffset + r·srcStride + j] for r < rows, j < cols.
    public void CopyBlocks(Storage src, long srcOffset, long srcStride, Storage dst, long dstOffset, long dstStride, int rows, long cols, bool accumulate = false)
    {
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
