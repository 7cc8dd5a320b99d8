using System.Diagnostics;
using System.Globalization;

namespace Llm.Benchmarking;

/// <summary>
/// Figures of one training benchmark: what `llm bench train --json` prints. The work of a token
/// is counted as 6·N + 6·L·C·T floating-point operations (N parameters: a multiply-add per weight
/// forward, two backward; plus attention's scores and weighted sums over T positions in L layers
/// of width C), so tokens/s becomes GFLOP/s and, given the machine's peak, a fraction of it.
/// </summary>
public sealed record TrainBenchmarkResult(double TokensPerSecond, double StepMs, long Parameters, double PeakMb, double FlopsPerToken, double PeakGflops = 0)
{
    public double Gflops => TokensPerSecond * FlopsPerToken / 1e9;

    /// <summary>The share of the machine's peak the training reaches (0 when no peak was measured).</summary>
    public double OfPeak => PeakGflops > 0 ? Gflops / PeakGflops : 0;

    public string ToJson() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"tokens_per_s\": {TokensPerSecond:F1}, \"step_ms\": {StepMs:F2}, \"params\": {Parameters}, \"peak_mb\": {PeakMb:F1}, \"gflops\": {Gflops:F1}, \"peak_gflops\": {PeakGflops:F1}, \"of_peak\": {OfPeak:F3}}}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{TokensPerSecond:N0} tokens/s, {StepMs:F1} ms/step, {Parameters:N0} parameters, peak memory {PeakMb:N0} MB, {Gflops:F0} GFLOP/s{(PeakGflops > 0 ? $" ({OfPeak:P0} of the machine's peak)" : "")}");
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
