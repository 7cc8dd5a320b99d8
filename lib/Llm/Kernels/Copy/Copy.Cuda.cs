using static Llm.Kernels.CudaException;

namespace Llm.Kernels;

/// <summary>Filling and copying blocks of numbers on the GPU.</summary>
internal sealed partial class CudaBackend
{
    public void Fill(in FillArgs args)
    {
        var (storage, offset, count, value) = args;
        if (count <= 0)
        {
            return;
        }

        using var scope = Enter();
        Check(CudaDriver.cuMemsetD32Async(Gpu(storage).At(offset), BitConverter.SingleToUInt32Bits(value), (nuint)count, cuda.Stream), "cuMemsetD32Async");
    }

    public void CopyBlocks(in CopyBlocksArgs args)
    {
        var (src, srcOffset, srcStride, dst, dstOffset, dstStride, rows, cols, accumulate) = args;
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        if (!accumulate && (rows == 1 || (srcStride == cols && dstStride == cols)))
        {
            // One contiguous run: a plain device-to-device copy.
            using var scope = Enter();
            var from = Gpu(src).At(srcOffset);
            var to = Gpu(dst).At(dstOffset);
            Check(CudaDriver.cuMemcpyDtoDAsync_v2(to, from, (nuint)(rows * cols * sizeof(float)), cuda.Stream), "cuMemcpyDtoDAsync");
            return;
        }

        var grid = new Grid(Blocks(cols), (uint)Math.Min(rows, 65535), Threads);
        Launch(KernelSource.CopyBlocks, grid, KernelArg.At(src, srcOffset), srcStride, KernelArg.At(dst, dstOffset), dstStride, rows, cols, accumulate);
    }
}
