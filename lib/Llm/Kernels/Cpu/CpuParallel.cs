namespace Llm.Kernels;

/// <summary>
/// Splits work over cores. The split never depends on the number of threads, so every result is
/// bitwise the same on 1 or many cores: each item is always computed whole by one thread.
/// </summary>
public static class CpuParallel
{
    private static int threads = Environment.ProcessorCount;

    // True on a thread while it runs a body for For: a For inside it (a matrix product inside a
    // batch of products run side by side) then runs inline, as the cores are busy already.
    [ThreadStatic]
    private static bool insideBody;

    /// <summary>How many threads CPU kernels use (default: all cores). The command line and the course set it from LLM_THREADS.</summary>
    public static int Threads
    {
        get => threads;
        set => threads = Math.Max(1, value);
    }

    /// <summary>
    /// Runs body(start, end) over [0, count) in chunks; runs inline when the whole job is below
    /// about 32k units of work (threads cost more than they save there).
    /// </summary>
    public static void For(int count, long workPerItem, Action<int, int> body)
    {
        if (count <= 0)
        {
            return;
        }

        var total = count * Math.Max(1, workPerItem);
        if (threads == 1 || count == 1 || total < 32_768 || insideBody)
        {
            body(0, count);
            return;
        }

        var chunks = (int)Math.Min(count, Math.Min(threads * 4L, Math.Max(1, total / 16_384)));
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, chunks, options, c =>
        {
            var start = (int)((long)count * c / chunks);
            var end = (int)((long)count * (c + 1) / chunks);
            var outer = insideBody;
            insideBody = true;
            try
            {
                body(start, end);
            }
            finally
            {
                insideBody = outer;
            }
        });
    }
}
