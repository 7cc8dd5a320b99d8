namespace Llm.Backends.Cpu;

/// <summary>
/// Where CPU tensors get their arrays. Outside a step it is plain <c>new float[n]</c>. Inside
/// <see cref="Step"/>, arrays come from free lists, and when the step ends every array handed out
/// during it goes back — so a training loop in steady state allocates no new large arrays.
/// Tensors made inside a step must not be kept after it (the training loop keeps plain floats).
/// A step belongs to the thread that started it; other threads allocate as usual meanwhile.
/// </summary>
public static class TensorArena
{
    private static readonly Dictionary<long, Stack<float[]>> Free = [];

    [ThreadStatic]
    private static HashSet<float[]>? lent;

    /// <summary>Starts a step on this thread: arrays handed out until the returned scope is disposed are reused afterwards.</summary>
    public static IDisposable Step()
    {
        if (lent is not null)
        {
            throw new InvalidOperationException("TensorArena.Step: a step is already running on this thread; steps do not nest.");
        }

        lent = new HashSet<float[]>(ReferenceEqualityComparer.Instance);
        return new StepScope();
    }

    internal static float[] Rent(long length)
    {
        // Small arrays are cheap for the garbage collector; pooling pays for the large ones.
        if (lent is null || length < 1024)
        {
            return new float[length];
        }

        float[]? array = null;
        lock (Free)
        {
            if (Free.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                array = stack.Pop();
            }
        }

        array ??= new float[length];
        lent.Add(array);
        return array;
    }

    /// <summary>
    /// Takes back, before the step ends, an array this step handed out and nobody uses any more
    /// (a gradient autograd has finished with), so later allocations of the step can reuse it.
    /// Arrays from elsewhere are left to the garbage collector.
    /// </summary>
    internal static void Return(float[] array)
    {
        if (lent is null || !lent.Remove(array))
        {
            return;
        }

        lock (Free)
        {
            Push(array);
        }
    }

    private static void Push(float[] array)
    {
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
                foreach (var array in lent)
                {
                    Push(array);
                }
            }

            lent = null;
        }
    }
}
