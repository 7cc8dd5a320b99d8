namespace Llm.Course;

/// <summary>
/// How the notebooks size their experiments. Full mode (the default, and what a learner runs)
/// keeps every training cell within about five minutes on a 2-core CPU; quick mode (LLM_QUICK=1,
/// set by `llm notebook run --quick` and the tests) shrinks budgets so the whole course runs in
/// minutes while every cell still executes.
/// </summary>
public static class CourseMode
{
    // A notebook's first cell uses this class, so LLM_THREADS takes effect before any kernel runs.
    static CourseMode() => ApplyThreads(Environment.GetEnvironmentVariable("LLM_THREADS"));

    /// <summary>
    /// Sets how many threads the CPU kernels use from the value of LLM_THREADS (a whole number ≥ 1);
    /// anything else leaves every core in use. The engine reads no environment: its hosts do.
    /// </summary>
    public static void ApplyThreads(string? text)
    {
        if (int.TryParse(text, out var n) && n > 0)
        {
            Kernels.CpuParallel.Threads = n;
        }
    }

    /// <summary>True when LLM_QUICK is set to 1 (or true).</summary>
    public static bool Quick => Environment.GetEnvironmentVariable("LLM_QUICK") is "1" or "true" or "True";

    /// <summary>The full-mode value, or the quick-mode one.</summary>
    public static T Pick<T>(T full, T quick) => Quick ? quick : full;

    /// <summary>A training step count: the full one, or a small fraction of it in quick mode.</summary>
    public static int Steps(int full, int quick) => Quick ? Math.Min(full, quick) : full;

    /// <summary>A time budget: the full one, or a few seconds in quick mode.</summary>
    public static TimeSpan Time(TimeSpan full, TimeSpan quick) => Quick ? quick : full;

    /// <summary>One line about this machine for the start of a notebook: cores, mode.</summary>
    public static string Describe() =>
        $"{Environment.ProcessorCount} CPU cores, {Kernels.CpuParallel.Threads} threads for the library, {(Quick ? "quick" : "full")} mode, .NET {Environment.Version}";
}
