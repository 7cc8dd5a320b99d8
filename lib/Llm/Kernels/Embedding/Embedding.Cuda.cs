using static Llm.Kernels.CudaException;

namespace Llm.Kernels;

/// <summary>Embedding lookup and its scatter-add, grouped by id so no two blocks add into one row.</summary>
internal sealed partial class CudaBackend
{
    public void Embedding(in EmbeddingArgs args)
    {
        var (weight, ids, output, cols) = args;
        if (ids.Length == 0 || cols <= 0)
        {
            return;
        }

        using var scope = Enter();
        var deviceIds = cuda.Upload<int>(ids, out var bucket);
        Launch(KernelSource.EmbeddingForward, ForRows(ids.Length, cols), weight, deviceIds, output, ids.Length, cols);
        cuda.Pool.Return(deviceIds, bucket);
    }

    public void EmbeddingBackward(in EmbeddingBackwardArgs args)
    {
        var (dout, ids, dweight, cols) = args;
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
