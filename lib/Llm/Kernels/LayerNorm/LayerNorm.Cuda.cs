
namespace Llm.Kernels;

/// <summary>Layer normalization, one block per row; the parameter gradients summed in ordered chunks.</summary>
internal sealed partial class CudaBackend
{
    public void LayerNorm(in LayerNormArgs args)
    {
        var (x, weight, bias, y, mean, rstd, rows, cols, eps) = args;
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        Launch(KernelSource.LayerNormForward, ForRows(rows, cols), x, weight, bias, y, mean, rstd, rows, cols, eps);
    }

    public void LayerNormBackward(in LayerNormBackwardArgs args)
    {
        var (dy, x, weight, mean, rstd, dx, dweight, dbias, rows, cols) = args;
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        using var scope = Enter();
        if (dx is not null)
        {
            Launch(KernelSource.LayerNormBackwardInput, ForRows(rows, cols), dy, x, weight, mean, rstd, dx, rows, cols);
        }

        if (dweight is null && dbias is null)
        {
            return;
        }

        // Σ over rows of dy·x̂ and of dy: chunks of rows per column first, then the chunks in order.
        var (chunks, rowsPerChunk) = ColumnChunks(rows);
        var partialWeight = cuda.Pool.Rent((long)chunks * cols * sizeof(float), out var weightBucket);
        var partialBias = cuda.Pool.Rent((long)chunks * cols * sizeof(float), out var biasBucket);
        var grid = ForColumnChunks(cols, chunks);
        Launch(KernelSource.LayerNormBackwardParamsChunks, grid, dy, x, mean, rstd, rows, cols, rowsPerChunk, partialWeight, partialBias);
        if (dweight is not null)
        {
            SumColumns(partialWeight, chunks, cols, dweight, accumulate: true);
        }

        if (dbias is not null)
        {
            SumColumns(partialBias, chunks, cols, dbias, accumulate: true);
        }

        cuda.Pool.Return(partialWeight, weightBucket);
        cuda.Pool.Return(partialBias, biasBucket);
    }
}
