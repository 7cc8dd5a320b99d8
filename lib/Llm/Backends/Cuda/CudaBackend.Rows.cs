using Llm.Backends.Cuda.Kernels;

namespace Llm.Backends.Cuda;

/// <summary>Kernels that work one row per block: softmax, cross-entropy, layer norm.</summary>
internal sealed partial class CudaBackend
{
    public void Softmax(Storage x, Storage y, int rows, int cols, bool causal, int tq, bool log)
    {
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        Launch(KernelSource.SoftmaxForward, ForRows(rows, cols), x, y, rows, cols, causal, Math.Max(1, tq), log);
    }

    public void SoftmaxBackward(Storage y, Storage dy, Storage dx, int rows, int cols, bool log, bool accumulate)
    {
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        Launch(KernelSource.SoftmaxBackward, ForRows(rows, cols), y, dy, dx, rows, cols, log, accumulate);
    }

    public void CrossEntropy(Storage logits, int[] targets, Storage losses, Storage logSumExp, int rows, int vocab, int ignoreIndex)
    {
        if (rows <= 0)
        {
            return;
        }

        using var scope = Enter();
        var ids = cuda.Upload<int>(targets.AsSpan(0, rows), out var bucket);
        Launch(KernelSource.CrossEntropyForward, ForRows(rows, vocab), logits, ids, losses, logSumExp, rows, vocab, ignoreIndex);
        cuda.Pool.Return(ids, bucket);
    }

    public void CrossEntropyBackward(Storage logits, Storage logSumExp, int[] targets, Storage dlogits, int rows, int vocab, int ignoreIndex, float scale, bool accumulate)
    {
        if (rows <= 0)
        {
            return;
        }

        using var scope = Enter();
        var ids = cuda.Upload<int>(targets.AsSpan(0, rows), out var bucket);
        Launch(KernelSource.CrossEntropyBackward, ForRows(rows, vocab), logits, logSumExp, ids, dlogits, rows, vocab, ignoreIndex, scale, accumulate);
        cuda.Pool.Return(ids, bucket);
    }

    public void LayerNorm(Storage x, Storage weight, Storage bias, Storage y, Storage mean, Storage rstd, int rows, int cols, float eps)
    {
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        Launch(KernelSource.LayerNormForward, ForRows(rows, cols), x, weight, bias, y, mean, rstd, rows, cols, eps);
    }

    public void LayerNormBackward(Storage dy, Storage x, Storage weight, Storage mean, Storage rstd, Storage? dx, Storage? dweight, Storage? dbias, int rows, int cols)
    {
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
