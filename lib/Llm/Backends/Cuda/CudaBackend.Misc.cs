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
        Launch(KernelSource.EmbeddingForward, ForRows(ids.Length, cols), weight, deviceIds, output, ids.Length, cols);
        cuda.Pool.Return(deviceIds, bucket);
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
        Launch(KernelSource.EmbeddingBackward, ForRows(groupCount, cols), dout, deviceGroups, groupCount, dweight, cols);
        cuda.Pool.Return(deviceGroups, bucket);
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
        Launch(KernelSource.Dropout, ForElements(n), x, y, n, threshold, scale, seed, accumulate);
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
        Launch(KernelSource.AdamW, ForElements(n), param, grad, m, v, n, beta1, beta2, eps, stepSize, bias2Sqrt, decay);
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
        Launch(KernelSource.SumSquaresChunks, ForChunks(chunks), x, n, chunk, partials);
        Launch(KernelSource.SumDoubles, ForChunks(1), partials, checked((int)chunks), result);
        double total;
        Check(CudaDriver.cuMemcpyDtoHAsync_v2(&total, result, sizeof(double), cuda.Stream), "cuMemcpyDtoHAsync");
        cuda.Synchronize();
        cuda.Pool.Return(partials, partialBucket);
        cuda.Pool.Return(result, resultBucket);
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
