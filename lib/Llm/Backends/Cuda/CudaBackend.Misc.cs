using Llm.Backends.Cuda.Kernels;
using Llm.Backends.Cuda.Native;
using static Llm.Backends.Cuda.CudaException;

namespace Llm.Backends.Cuda;

/// <summary>Embedding lookups, dropout, the AdamW update and norms.</summary>
internal sealed partial class CudaBackend
{
    public void Embedding(Storage weight, int[] ids, Storage output, int cols)
    {
        if (ids.Length == 0 || cols <= 0)
        {
            return;
        }

        using var scope = Enter();
        var deviceIds = cuda.Upload<int>(ids, out var bucket);
        var args = default(KernelArgs);
        args.Add(Gpu(weight).Pointer);
        args.Add(deviceIds);
        args.Add(Gpu(output).Pointer);
        args.Add(ids.Length);
        args.Add(cols);
        cuda.Launch(KernelSource.EmbeddingForward, RowBlocks(ids.Length), 1, RowThreads(cols), ref args);
        cuda.Pool.Return(deviceIds, bucket);
        GC.KeepAlive(weight);
        GC.KeepAlive(output);
    }

    public void EmbeddingBackward(Storage dout, int[] ids, Storage dweight, int cols)
    {
        if (ids.Length == 0 || cols <= 0)
        {
            return;
        }

        var groups = GroupPositions(ids, out var groupCount);
        using var scope = Enter();
        var deviceGroups = cuda.Upload<int>(groups, out var bucket);
        var args = default(KernelArgs);
        args.Add(Gpu(dout).Pointer);
        args.Add(deviceGroups);
        args.Add(groupCount);
        args.Add(Gpu(dweight).Pointer);
        args.Add(cols);
        cuda.Launch(KernelSource.EmbeddingBackward, RowBlocks(groupCount), 1, RowThreads(cols), ref args);
        cuda.Pool.Return(deviceGroups, bucket);
        GC.KeepAlive(dout);
        GC.KeepAlive(dweight);
    }

    public void Dropout(Storage x, Storage y, long n, float p, ulong seed, bool accumulate)
    {
        if (n <= 0)
        {
            return;
        }

        // The same threshold and scale as the CPU backend, so both keep the same elements.
        var threshold = (uint)Math.Min(uint.MaxValue, p * 4294967296.0);
        var scale = 1f / (1f - p);
        using var scope = Enter();
        var args = default(KernelArgs);
        args.Add(Gpu(x).Pointer);
        args.Add(Gpu(y).Pointer);
        args.Add(n);
        args.Add(threshold);
        args.Add(scale);
        args.Add(seed);
        args.Add(accumulate);
        cuda.Launch(KernelSource.Dropout, Blocks(n), 1, Threads, ref args);
    }

    public void AdamW(Storage param, Storage grad, Storage m, Storage v, long n, float lr, float beta1, float beta2, float eps, float weightDecay, int step)
    {
        if (n <= 0)
        {
            return;
        }

        // Scalars as the CPU backend computes them (in float, on the host).
        var bias1 = 1f - MathF.Pow(beta1, step);
        var bias2 = 1f - MathF.Pow(beta2, step);
        var stepSize = lr / bias1;
        var bias2Sqrt = MathF.Sqrt(bias2);
        var decay = 1f - (lr * weightDecay);
        using var scope = Enter();
        var args = default(KernelArgs);
        args.Add(Gpu(param).Pointer);
        args.Add(Gpu(grad).Pointer);
        args.Add(Gpu(m).Pointer);
        args.Add(Gpu(v).Pointer);
        args.Add(n);
        args.Add(beta1);
        args.Add(beta2);
        args.Add(eps);
        args.Add(stepSize);
        args.Add(bias2Sqrt);
        args.Add(decay);
        cuda.Launch(KernelSource.AdamW, Blocks(n), 1, Threads, ref args);
    }

    public unsafe double SumOfSquares(Storage x, long n)
    {
        if (n <= 0)
        {
            return 0;
        }

        const long chunk = 1 << 16;
        var chunks = (n + chunk - 1) / chunk;
        using var scope = Enter();
        var partials = cuda.Pool.Rent(chunks * sizeof(double), out var partialBucket);
        var result = cuda.Pool.Rent(sizeof(double), out var resultBucket);
        var first = default(KernelArgs);
        first.Add(Gpu(x).Pointer);
        first.Add(n);
        first.Add(chunk);
        first.Add(partials);
        cuda.Launch(KernelSource.SumSquaresChunks, (uint)chunks, 1, 1024, ref first);
        var second = default(KernelArgs);
        second.Add(partials);
        second.Add(checked((int)chunks));
        second.Add(result);
        cuda.Launch(KernelSource.SumDoubles, 1, 1, 1024, ref second);
        double total;
        Check(CudaDriver.cuMemcpyDtoHAsync_v2(&total, result, sizeof(double), cuda.Stream), "cuMemcpyDtoHAsync");
        cuda.Synchronize();
        cuda.Pool.Return(partials, partialBucket);
        cuda.Pool.Return(result, resultBucket);
        GC.KeepAlive(x);
        return total;
    }

    /// <summary>
    /// Positions grouped by id for the scatter-add: [distinct ids (G) | start of each group (G + 1) |
    /// positions, ascending within each group]. Sorting (id, position) pairs packed into one long
    /// keeps positions in order, so each row's gradients are added in the CPU's order.
    /// </summary>
    internal static int[] GroupPositions(int[] ids, out int groupCount)
    {
        var keys = new long[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            keys[i] = ((long)ids[i] << 32) | (uint)i;
        }

        Array.Sort(keys);
        var distinct = new List<int>();
        var starts = new List<int>();
        for (var i = 0; i < keys.Length; i++)
        {
            var id = (int)(keys[i] >> 32);
            if (i == 0 || id != distinct[^1])
            {
                distinct.Add(id);
                starts.Add(i);
            }
        }

        starts.Add(keys.Length);
        groupCount = distinct.Count;
        return [.. distinct, .. starts, .. keys.Select(k => (int)(k & 0xFFFFFFFF))];
    }
}
