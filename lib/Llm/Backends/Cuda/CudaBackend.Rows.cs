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

        using var scope = Enter();
        var args = default(KernelArgs);
        args.Add(Gpu(x).Pointer);
        args.Add(Gpu(y).Pointer);
        args.Add(rows);
        args.Add(cols);
        args.Add(causal);
        args.Add(Math.Max(1, tq));
        args.Add(log);
        cuda.Launch(KernelSource.SoftmaxForward, RowBlocks(rows), 1, RowThreads(cols), ref args);
    }

    public void SoftmaxBackward(Storage y, Storage dy, Storage dx, int rows, int cols, bool log, bool accumulate)
    {
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        using var scope = Enter();
        var args = default(KernelArgs);
        args.Add(Gpu(y).Pointer);
        args.Add(Gpu(dy).Pointer);
        args.Add(Gpu(dx).Pointer);
        args.Add(rows);
        args.Add(cols);
        args.Add(log);
        args.Add(accumulate);
        cuda.Launch(KernelSource.SoftmaxBackward, RowBlocks(rows), 1, RowThreads(cols), ref args);
    }

    public void CrossEntropy(Storage logits, int[] targets, Storage losses, Storage logSumExp, int rows, int vocab, int ignoreIndex)
    {
        if (rows <= 0)
        {
            return;
        }

        using var scope = Enter();
        var ids = cuda.Upload<int>(targets.AsSpan(0, rows), out var bucket);
        var args = default(KernelArgs);
        args.Add(Gpu(logits).Pointer);
        args.Add(ids);
        args.Add(Gpu(losses).Pointer);
        args.Add(Gpu(logSumExp).Pointer);
        args.Add(rows);
        args.Add(vocab);
        args.Add(ignoreIndex);
        cuda.Launch(KernelSource.CrossEntropyForward, RowBlocks(rows), 1, RowThreads(vocab), ref args);
        cuda.Pool.Return(ids, bucket);
        GC.KeepAlive(logits);
        GC.KeepAlive(losses);
        GC.KeepAlive(logSumExp);
    }

    public void CrossEntropyBackward(Storage logits, Storage logSumExp, int[] targets, Storage dlogits, int rows, int vocab, int ignoreIndex, float scale, bool accumulate)
    {
        if (rows <= 0)
        {
            return;
        }

        using var scope = Enter();
        var ids = cuda.Upload<int>(targets.AsSpan(0, rows), out var bucket);
        var args = default(KernelArgs);
        args.Add(Gpu(logits).Pointer);
        args.Add(Gpu(logSumExp).Pointer);
        args.Add(ids);
        args.Add(Gpu(dlogits).Pointer);
        args.Add(rows);
        args.Add(vocab);
        args.Add(ignoreIndex);
        args.Add(scale);
        args.Add(accumulate);
        cuda.Launch(KernelSource.CrossEntropyBackward, RowBlocks(rows), 1, RowThreads(vocab), ref args);
        cuda.Pool.Return(ids, bucket);
        GC.KeepAlive(logits);
        GC.KeepAlive(logSumExp);
        GC.KeepAlive(dlogits);
    }

    public void LayerNorm(Storage x, Storage weight, Storage bias, Storage y, Storage mean, Storage rstd, int rows, int cols, float eps)
    {
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        using var scope = Enter();
        var args = default(KernelArgs);
        args.Add(Gpu(x).Pointer);
        args.Add(Gpu(weight).Pointer);
        args.Add(Gpu(bias).Pointer);
        args.Add(Gpu(y).Pointer);
        args.Add(Gpu(mean).Pointer);
        args.Add(Gpu(rstd).Pointer);
        args.Add(rows);
        args.Add(cols);
        args.Add(eps);
        cuda.Launch(KernelSource.LayerNormForward, RowBlocks(rows), 1, RowThreads(cols), ref args);
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
            var args = default(KernelArgs);
            args.Add(Gpu(dy).Pointer);
            args.Add(Gpu(x).Pointer);
            args.Add(Gpu(weight).Pointer);
            args.Add(Gpu(mean).Pointer);
            args.Add(Gpu(rstd).Pointer);
            args.Add(Gpu(dx).Pointer);
            args.Add(rows);
            args.Add(cols);
            cuda.Launch(KernelSource.LayerNormBackwardInput, RowBlocks(rows), 1, RowThreads(cols), ref args);
        }

        if (dweight is null && dbias is null)
        {
            return;
        }

        // Σ over rows of dy·x̂ and of dy: chunks of rows per column first, then the chunks in order.
        var (chunks, rowsPerChunk) = ColumnChunks(rows);
        var partialWeight = cuda.Pool.Rent((long)chunks * cols * sizeof(float), out var weightBucket);
        var partialBias = cuda.Pool.Rent((long)chunks * cols * sizeof(float), out var biasBucket);
        var first = default(KernelArgs);
        first.Add(Gpu(dy).Pointer);
        first.Add(Gpu(x).Pointer);
        first.Add(Gpu(mean).Pointer);
        first.Add(Gpu(rstd).Pointer);
        first.Add(rows);
        first.Add(cols);
        first.Add(rowsPerChunk);
        first.Add(partialWeight);
        first.Add(partialBias);
        cuda.Launch(KernelSource.LayerNormBackwardParamsChunks, (uint)((cols + Threads - 1) / Threads), (uint)chunks, Threads, ref first);
        if (dweight is not null)
        {
            SumColumns(partialWeight, chunks, cols, Gpu(dweight).Pointer, accumulate: true);
        }

        if (dbias is not null)
        {
            SumColumns(partialBias, chunks, cols, Gpu(dbias).Pointer, accumulate: true);
        }

        cuda.Pool.Return(partialWeight, weightBucket);
        cuda.Pool.Return(partialBias, biasBucket);
        GC.KeepAlive(dy);
        GC.KeepAlive(x);
        GC.KeepAlive(mean);
        GC.KeepAlive(rstd);
    }
}
