namespace Llm.Kernels;

/// <summary>
/// The CPU's memory for one training step (<see cref="Tensor.Step"/>): arrays come from free lists
/// shared by all steps, and when the step ends every array it lent goes back — so a training loop
/// in steady state allocates no new large arrays. The storages it lent are marked as ended then: a
/// tensor kept from inside a step and used after it fails with a clear error instead of reading
/// numbers that a later step has overwritten. Outside a step, arrays are plain <c>new float[n]</c>.
/// A step may lend from several threads at once (the work of one step can run as parallel tasks).
/// </summary>
internal sealed class CpuStepMemory : IStepMemory
{
    private readonly HashSet<CpuStorage> lent = new(ReferenceEqualityComparer.Instance);
    private bool ended;

    /// <summary>Storage for a tensor, lent by this step.</summary>
    public CpuStorage Lend(long length)
    {
        var storage = new CpuStorage(CpuArrays.Take(length), this);
        lock (lent)
        {
            if (ended)
            {
                throw new InvalidOperationException("Tensor.Step: this step has ended; start a new one for the next batch.");
            }

            lent.Add(storage);
        }

        return storage;
    }

    /// <summary>
    /// Takes back, before the step ends, a storage it lent that nobody uses any more (a gradient
    /// autograd has finished with), so later allocations of the step can reuse it.
    /// </summary>
    public void Return(CpuStorage storage)
    {
        lock (lent)
        {
            if (!lent.Remove(storage))
            {
                return;
            }
        }

        storage.End();
        CpuArrays.Give(storage.Array);
    }

    public void Dispose()
    {
        CpuStorage[] storages;
        lock (lent)
        {
            ended = true;
            storages = [.. lent];
            lent.Clear();
        }

        foreach (var storage in storages)
        {
            storage.End();
            CpuArrays.Give(storage.Array);
        }
    }
}

/// <summary>
/// Free lists of float arrays by length, shared by every step and by kernels' scratch space. Small
/// arrays are cheap for the garbage collector; pooling pays for the large ones only.
/// </summary>
internal static class CpuArrays
{
    private const long MinimumPooled = 1024;

    private static readonly Dictionary<long, Stack<float[]>> Free = [];

    /// <summary>An array of this length from the free lists, or a new one; its contents are whatever was there.</summary>
    public static float[] Take(long length)
    {
        if (length < MinimumPooled)
        {
            return new float[length];
        }

        lock (Free)
        {
            return Free.TryGetValue(length, out var stack) && stack.Count > 0 ? stack.Pop() : new float[length];
        }
    }

    /// <summary>Puts an array back for the next <see cref="Take"/> of its length.</summary>
    public static void Give(float[] array)
    {
        if (array.LongLength < MinimumPooled)
        {
            return;
        }

        lock (Free)
        {
            if (!Free.TryGetValue(array.LongLength, out var stack))
            {
                Free[array.LongLength] = stack = new Stack<float[]>();
            }

            stack.Push(array);
        }
    }

    /// <summary>How many arrays of this length wait in the free lists (for tests of reuse).</summary>
    internal static int PooledCount(long length)
    {
        lock (Free)
        {
            return Free.TryGetValue(length, out var stack) ? stack.Count : 0;
        }
    }
}
