using Llm.Backends.Cuda.Kernels;

namespace Llm.Backends.Cuda;

/// <summary>Element-wise kernels: binary ops with broadcasting, unary ops and their derivatives, sums that undo broadcasting, masked fill.</summary>
internal sealed partial class CudaBackend
{
    public void Binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, Storage c, int[] outShape)
    {
        var n = Shape.Numel(outShape);
        if (n == 0)
        {
            return;
        }

        if (Shape.SameShape(aShape, outShape) && Shape.SameShape(bShape, outShape))
        {
            Launch(KernelSource.BinarySame, ForElements(n), (int)op, a, b, c, n);
            return;
        }

        RequireInt32(n, "Binary");
        var plan = BroadcastPlan.Create(outShape, aShape, bShape);
        var (shape, aStrides, bStrides) = (Dims.From(plan.Shape), Dims.From(plan.Strides[0]), Dims.From(plan.Strides[1]));
        Launch(KernelSource.BinaryBroadcast, ForElements(n), (int)op, a, b, c, (uint)n, plan.Rank, shape, aStrides, bStrides);
    }

    public void Unary(UnaryOp op, Storage x, Storage y, long n, float scalar)
    {
        if (n <= 0)
        {
            return;
        }

        Launch(KernelSource.Unary, ForElements(n), (int)op, x, y, n, scalar);
    }

    public void UnaryBackward(UnaryOp op, Storage x, Storage y, Storage dy, Storage dx, long n, float scalar, bool accumulate)
    {
        if (n <= 0)
        {
            return;
        }

        Launch(KernelSource.UnaryBackward, ForElements(n), (int)op, x, y, dy, dx, n, scalar, accumulate);
    }

    public void SumTo(Storage src, int[] srcShape, Storage dst, int[] dstShape, bool accumulate)
    {
        var plan = ReducePlan.Create(srcShape, dstShape);
        if (Shape.Numel(srcShape) == 0)
        {
            if (!accumulate)
            {
                Fill(dst, 0, Shape.Numel(dstShape), 0f);
            }

            return;
        }

        switch (plan.Kind)
        {
            case ReduceKind.Copy:
                CopyBlocks(src, 0, 0, dst, 0, 0, 1, plan.Outputs, accumulate);
                break;
            case ReduceKind.All:
                SumAll(src, plan.PerOutput, dst, accumulate);
                break;
            case ReduceKind.Rows:
                SumRows(src, plan.Outputs, plan.PerOutput, dst, accumulate);
                break;
            case ReduceKind.Columns:
                SumColumns(src, plan.PerOutput, plan.Outputs, dst, accumulate);
                break;
            default:
                SumGeneral(src, plan, dst, accumulate);
                break;
        }
    }

    public void MaskedFill(Storage x, int[] shape, Storage mask, int[] maskShape, float value, Storage y)
    {
        var n = Shape.Numel(shape);
        if (n == 0)
        {
            return;
        }

        RequireInt32(n, "MaskedFill");
        var plan = BroadcastPlan.Create(shape, maskShape);
        Launch(KernelSource.MaskedFill, ForElements(n), x, mask, y, value, (uint)n, plan.Rank, Dims.From(plan.Shape), Dims.From(plan.Strides[0]));
    }

    // One number from n: one block when short, else block sums of chunks and then the sum of those.
    // Storages travel as KernelArg down to the launches that read them (see Launch).
    private void SumAll(KernelArg src, long n, KernelArg dst, bool accumulate)
    {
        const long chunk = 1 << 16;
        if (n <= chunk)
        {
            SumRows(src, 1, n, dst, accumulate);
            return;
        }

        var chunks = (n + chunk - 1) / chunk;
        using var scope = Enter();
        var partials = cuda.Pool.Rent(chunks * sizeof(float), out var bucket);
        Launch(KernelSource.SumChunks, ForChunks(chunks), src, n, chunk, partials);
        SumRows(partials, 1, chunks, dst, accumulate);
        cuda.Pool.Return(partials, bucket);
    }

    private void SumRows(KernelArg src, long rows, long cols, KernelArg dst, bool accumulate) =>
        Launch(KernelSource.SumRows, ForRows(rows, cols), src, dst, checked((int)rows), cols, accumulate);

    /// <summary>dst[c] (+)= Σ_r src[r, c] for a [rows, cols] matrix, deterministic (see Kernels/Reduce.cu.cs).</summary>
    private void SumColumns(KernelArg src, long rows, long cols, KernelArg dst, bool accumulate)
    {
        using var scope = Enter();
        var (chunks, rowsPerChunk) = ColumnChunks(rows);
        if (chunks == 1)
        {
            Launch(KernelSource.SumColumns, ForElements(cols), src, checked((int)rows), checked((int)cols), dst, accumulate);
            return;
        }

        var partials = cuda.Pool.Rent(chunks * cols * sizeof(float), out var bucket);
        Launch(KernelSource.SumColumnsChunks, ForColumnChunks(cols, chunks), src, checked((int)rows), checked((int)cols), rowsPerChunk, partials);
        Launch(KernelSource.SumColumns, ForElements(cols), partials, chunks, checked((int)cols), dst, accumulate);
        cuda.Pool.Return(partials, bucket);
    }

    /// <summary>How column sums split their rows: up to 64 rows a thread, at most 65535 chunks (the grid's y limit); one chunk when short.</summary>
    private static (int Chunks, int RowsPerChunk) ColumnChunks(long rows)
    {
        if (rows <= 256)
        {
            return (1, (int)Math.Max(1, rows));
        }

        var perChunk = (int)Math.Max(64, (rows + 65534) / 65535);
        return ((int)((rows + perChunk - 1) / perChunk), perChunk);
    }

    private void SumGeneral(Storage src, ReducePlan plan, Storage dst, bool accumulate)
    {
        RequireInt32(plan.Outputs * plan.PerOutput, "SumTo");
        Launch(
            KernelSource.SumGeneral,
            ForElements(plan.Outputs),
            src,
            dst,
            (uint)plan.Outputs,
            (uint)plan.PerOutput,
            plan.KeptShape.Length,
            Dims.From(plan.KeptShape),
            Dims.From(plan.KeptStrides),
            plan.ReducedShape.Length,
            Dims.From(plan.ReducedShape),
            Dims.From(plan.ReducedStrides),
            accumulate);
    }
}
