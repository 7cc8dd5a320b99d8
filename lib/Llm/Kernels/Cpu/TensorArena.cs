namespace Llm.Kernels;

/// <summary>
/// Where CPU tensors get their arrays. Outside a step it is plain <c>new float[n]</c>. Inside a
/// step (<see cref="Tensor.Step"/>), arrays come from free lists, and when the step ends every
/// array handed out during it goes back — so a training loop in steady state allocates no new
/// large arrays. The storages lent during a step are marked as ended then: a tensor kept from
/// inside a step and used after it fails with a clear error instead of reading numbers that a
/// later step has overwritten. A step belongs to the thread that started it; other threads
/// allocate as usual meanwhile.
/// </summary>
internal static class TensorArena
{
    private const long MinimumPooled = 1024;

    private static readonly Dictionary<long, Stack<float[]>> Free = [];

    [ThreadStatic]
    private static HashSet<CpuStorage>? lent;

    /// <summary>Starts a step on this thread: storages handed out until the returned scope is disposed end with it.</summary>
    public static IDisposable Step()
    {
        if (lent is not null)
        {
            throw new InvalidOperationException("Tensor.Step: a step is already running on this thread; steps do not nest.");
        }

        lent = new HashSet<CpuStorage>(ReferenceEqualityComparer.Instance);
        return new StepScope();
    }

    /// <summary>Storage for a tensor: from the free lists during a step (and lent to it), else new.</summary>
    internal static CpuStorage Allocate(long length)
    {
        var storage = new CpuStorage(Take(length));
        lent?.Add(storage);
        return storage;
    }

    /// <summary>A scratch array for a kernel, from the free lists during a step; it goes back when the step ends.</summary>
    internal static float[] Rent(long length)
    {
        var array = Take(length);
        lent?.Add(new CpuStorage(array));
        return array;
    }

    private static float[] Take(long length)
    {
        // Small arrays are cheap for the garbage collector; pooling pays for the large ones.
        if (lent is null || length < MinimumPooled)
        {
            return new float[length];
        }

        lock (Free)
        {
            return Free.TryGetValue(length, out var stack) && stack.Count > 0 ? stack.Pop() : new float[length];
        }
    }

    /// <summary>
    /// Takes back, before the step ends, a storage this step handed out and nobody uses any more
    /// (a gradient autograd has finished with), so later allocations of the step can reuse it.
    /// Storages from elsewhere are left to the garbage collector.
    /// </summary>
    internal static void Return(CpuStorage storage)
    {
        if (lent is null || !lent.Remove(storage))
        {
            return;
        }

        storage.End();
        lock (Free)
        {
            Push(storage.Array);
        }
    }

    private static void Push(float[] array)
    {
        if (array.LongLength < MinimumPooled)
        {
            return;
        }

        if (!Free.TryGetValue(array.LongLength, out var stack))
        {
            Free[array.LongLength] = stack = new Stack<float[]>();
        }

        stack.Push(array);
    }

    /// <summary>How many arrays of this length wait in the free lists (for tests of reuse).</summary>
    internal static int PooledCount(long length)
    {
        lock (Free)
        {
            return Free.TryGetValue(length, out var stack) ? stack.Count : 0;
        }
    }

    private sealed class StepScope : IDisposable
    {
        public void Dispose()
        {
            if (lent is null)
            {
                return;
            }

            lock (Free)
            {
                foreach (var storage in lent)
                {
                    storage.End();
                    Push(storage.Array);
                }
            }

            lent = null;
        }
    }
}
