namespace Llm.Kernels;

/// <summary>Filling and copying blocks of numbers (split, concatenate, slices).</summary>
internal sealed partial class CpuBackend
{
    public void Fill(Storage storage, long offset, long count, float value) =>
        Data(storage).AsSpan((int)offset, (int)count).Fill(value);

    public void CopyBlocks(Storage src, long srcOffset, long srcStride, Storage dst, long dstOffset, long dstStride, int rows, long cols, bool accumulate = false)
    {
        var s = Data(src);
        var d = Data(dst);
        CpuParallel.For(rows, cols, (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var from = s.AsSpan((int)(srcOffset + (r * srcStride)), (int)cols);
                var to = d.AsSpan((int)(dstOffset + (r * dstStride)), (int)cols);
                if (accumulate)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(to, from, to);
                }
                else
                {
                    from.CopyTo(to);
                }
            }
        });
    }
}
