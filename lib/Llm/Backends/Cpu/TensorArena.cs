namespace Llm.Backends.Cpu;

/// <summary>
/// Where CPU tensors get their arrays. Outside a step it is plain <c>new float[n]</c>. Inside
/// <see cref="Step"/>, arrays come from free lists, and when the step ends every array handed out
/// during it goes back — so a training loop in steady state allocates no new large arrays.
/// Tensors made inside a step must not be kept after it (the training loop keeps plain floats).
/// </summary>
public static class TensorArena
{
    private static readonly Dictionary<long, Stack<float[]>> Free = [];
    private static readonly object Gate = new();
    private static List<float[]>? lent;

    /// <summary>Starts a step: arrays handed out until the returned scope is disposed are reused afterwards.</summary>
    public static IDisposable Step()
    {
        lock (Gate)
        {
            if (lent is not null)
            {
                throw new InvalidOperationException("TensorArena.Step: a step is already running; steps do not nest.");
            }

            lent = [];
        }

        return new StepScope();
    }

    internal static float[] Rent(long length)
    {
        lock (Gate)
        {
            if (lent is null || length < 1024)
            {
                return new float[length];
            }

            var array = Free.TryGetValue(length, out var stack) && stack.Count > 0 ? stack.Pop() : new float[length];
            lent.Add(array);
            return array;
        }
    }

    private sealed class StepScope : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                if (lent is null)
                {
                    return;
                }

                foreach (var array in lent)
                {
                    if (!Free.TryGetValue(array.LongLength, out var stack))
                    {
                        Free[array.LongLength] = stack = new Stack<float[]>();
                    }

                    stack.Push(array);
                }

                lent = null;
            }
        }
    }
}
