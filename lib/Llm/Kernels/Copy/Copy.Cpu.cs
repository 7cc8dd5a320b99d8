namespace Llm.Kernels;

/// <summary>Filling and copying blocks of numbers (split, concatenate, slices).</summary>
public sealed partial class CpuBackend
{
    public void Fill(in FillArgs args) =>
        Data(args.Target).AsSpan((int)args.Offset, (int)args.Count).Fill(args.Value);

    public void CopyBlocks(in CopyBlocksArgs args)
    {
        var (src, srcOffset, srcStride, dst, dstOffset, dstStride, rows, cols, accumulate) = args;
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
