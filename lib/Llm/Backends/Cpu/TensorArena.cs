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
    private static List<float[]>? lent;

    /// <summary>Starts a step on this thread: arrays handed out until the returned scope is disposed are reused afterwards.</summary>
    public static IDisposable Step()
    {
        if (lent is not null)
        {
            throw new InvalidOperationException("TensorArena.Step: a step is already running on this thread; steps do not nest.");
        }

        lent = [];
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
                    if (!Free.TryGetValue(array.LongLength, out var stack))
                    {
                        Free[array.LongLength] = stack = new Stack<float[]>();
                    }

                    stack.Push(array);
                }
            }

            lent = null;
        }
    }
}
