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

        using var scope = Enter();
        var args = default(KernelArgs);
        args.Add((int)op);
        args.Add(Gpu(a).Pointer);
        args.Add(Gpu(b).Pointer);
        args.Add(Gpu(c).Pointer);
        if (Shape.SameShape(aShape, outShape) && Shape.SameShape(bShape, outShape))
        {
            args.Add(n);
            cuda.Launch(KernelSource.BinarySame, Blocks(n), 1, Threads, ref args);
            return;
        }

        RequireInt32(n, "Binary");
        var plan = BroadcastPlan.Create(outShape, aShape, bShape);
        args.Add((uint)n);
        args.Add(plan.Rank);
        args.Add(Dims.From(plan.Shape));
        args.Add(Dims.From(plan.Strides[0]));
        args.Add(Dims.From(plan.Strides[1]));
        cuda.Launch(KernelSource.BinaryBroadcast, Blocks(n), 1, Threads, ref args);
    }

    public void Unary(UnaryOp op, Storage x, Storage y, long n, float scalar)
    {
        if (n <= 0)
        {
            return;
        }

        using var scope = Enter();
        var args = default(KernelArgs);
        args.Add((int)op);
        args.Add(Gpu(x).Pointer);
        args.Add(Gpu(y).Pointer);
        args.Add(n);
        args.Add(scalar);
        cuda.Launch(KernelSource.Unary, Blocks(n), 1, Threads, ref args);
    }

    public void UnaryBackward(UnaryOp op, Storage x, Storage y, Storage dy, Storage dx, long n, float scalar, bool accumulate)
    {
        if (n <= 0)
        {
            return;
        }

        using var scope = Enter();
        var args = default(KernelArgs);
        args.Add((int)op);
        args.Add(Gpu(x).Pointer);
        args.Add(Gpu(y).Pointer);
        args.Add(Gpu(dy).Pointer);
        args.Add(Gpu(dx).Pointer);
        args.Add(n);
        args.Add(scalar);
        args.Add(accumulate);
        cuda.Launch(KernelSource.UnaryBackward, Blocks(n), 1, Threads, ref args);
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
                SumAll(Gpu(src).Pointer, plan.PerOutput, Gpu(dst).Pointer, accumulate);
                break;
            case ReduceKind.Rows:
                SumRows(Gpu(src).Pointer, plan.Outputs, plan.PerOutput, Gpu(dst).Pointer, accumulate);
                break;
            case ReduceKind.Columns:
                SumColumns(Gpu(src).Pointer, plan.PerOutput, plan.Outputs, Gpu(dst).Pointer, accumulate);
                break;
            default:
                SumGeneral(Gpu(src).Pointer, plan, Gpu(dst).Pointer, accumulate);
                break;
        }

        GC.KeepAlive(src);
        GC.KeepAlive(dst);
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
        using var scope = Enter();
        var args = default(KernelArgs);
        args.Add(Gpu(x).Pointer);
        args.Add(Gpu(mask).Pointer);
        args.Add(Gpu(y).Pointer);
        args.Add(value);
        args.Add((uint)n);
        args.Add(plan.Rank);
        args.Add(Dims.From(plan.Shape));
        args.Add(Dims.From(plan.Strides[0]));
        cuda.Launch(KernelSource.MaskedFill, Blocks(n), 1, Threads, ref args);
    }

    // One number from n: one block when short, else block sums of chunks and then the sum of those.
    private void SumAll(ulong src, long n, ulong dst, bool accumulate)
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
        var args = default(KernelArgs);
        args.Add(src);
        args.Add(n);
        args.Add(chunk);
        args.Add(partials);
        cuda.Launch(KernelSource.SumChunks, (uint)chunks, 1, 1024, ref args);
        SumRows(partials, 1, chunks, dst, accumulate);
        cuda.Pool.Return(partials, bucket);
    }

    private void SumRows(ulong src, long rows, long cols, ulong dst, bool accumulate)
    {
        using var scope = Enter();
        var args = default(KernelArgs);
        args.Add(src);
        args.Add(dst);
        args.Add(checked((int)rows));
        args.Add(cols);
        args.Add(accumulate);
        cuda.Launch(KernelSource.SumRows, RowBlocks(rows), 1, RowThreads(cols), ref args);
    }

    /// <summary>dst[c] (+)= Σ_r src[r, c] for a [rows, cols] matrix, deterministic (see Kernels/Reduce.cu.cs).</summary>
    private void SumColumns(ulong src, long rows, long cols, ulong dst, bool accumulate)
    {
        using var scope = Enter();
        var (chunks, rowsPerChunk) = ColumnChunks(rows);
        ulong partials = 0;
        long bucket = 0;
        if (chunks > 1)
        {
            partials = cuda.Pool.Rent(chunks * cols * sizeof(float), out bucket);
            var first = default(KernelArgs);
            first.Add(src);
            first.Add(checked((int)rows));
            first.Add(checked((int)cols));
            first.Add(rowsPerChunk);
            first.Add(partials);
            cuda.Launch(KernelSource.SumColumnsChunks, (uint)((cols + Threads - 1) / Threads), (uint)chunks, Threads, ref first);
        }

        var args = default(KernelArgs);
        args.Add(chunks > 1 ? partials : src);
        args.Add(chunks > 1 ? chunks : checked((int)rows));
        args.Add(checked((int)cols));
        args.Add(dst);
        args.Add(accumulate);
        cuda.Launch(KernelSource.SumColumns, Blocks(cols), 1, Threads, ref args);
        if (chunks > 1)
        {
            cuda.Pool.Return(partials, bucket);
        }
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

    private void SumGeneral(ulong src, ReducePlan plan, ulong dst, bool accumulate)
    {
        RequireInt32(plan.Outputs * plan.PerOutput, "SumTo");
        using var scope = Enter();
        var args = default(KernelArgs);
        args.Add(src);
        args.Add(dst);
        args.Add((uint)plan.Outputs);
        args.Add((uint)plan.PerOutput);
        args.Add(plan.KeptShape.Length);
        args.Add(Dims.From(plan.KeptShape));
        args.Add(Dims.From(plan.KeptStrides));
        args.Add(plan.ReducedShape.Length);
        args.Add(Dims.From(plan.ReducedShape));
        args.Add(Dims.From(plan.ReducedStrides));
        args.Add(accumulate);
        cuda.Launch(KernelSource.SumGeneral, Blocks(plan.Outputs), 1, Threads, ref args);
    }
}
