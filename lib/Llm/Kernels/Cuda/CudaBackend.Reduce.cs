
namespace Llm.Kernels;

/// <summary>Deterministic sums the kernels share: all of a storage, rows, columns, any axes (Reduce.cu.cs).</summary>
internal sealed partial class CudaBackend
{
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
