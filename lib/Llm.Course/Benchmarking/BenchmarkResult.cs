using System.Diagnostics;
using System.Globalization;

namespace Llm.Benchmarking;

/// <summary>Figures of one training benchmark: what `llm bench train --json` prints.</summary>
public sealed record TrainBenchmarkResult(double TokensPerSecond, double StepMs, long Parameters, double PeakMb)
{
    public string ToJson() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"tokens_per_s\": {TokensPerSecond:F1}, \"step_ms\": {StepMs:F2}, \"params\": {Parameters}, \"peak_mb\": {PeakMb:F1}}}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{TokensPerSecond:N0} tokens/s, {StepMs:F1} ms/step, {Parameters:N0} parameters, peak memory {PeakMb:N0} MB");
}

/// <summary>Process-wide measurements shared by the benchmarks.</summary>
public static class Measure
{
    /// <summary>The peak resident memory of this process in MB (VmHWM on Linux, the peak working set elsewhere), comparable to Python's ru_maxrss.</summary>
    public static double PeakMb()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kb / 1024;
                }
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>The median of the timings.</summary>
    public static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
