using System.Diagnostics;

namespace Llm.Benchmarking;

/// <summary>Matrix-multiply speed: 2·n³ floating-point operations per n×n product.</summary>
public static class MatMulBenchmark
{
    /// <summary>GFLOP/s of Tensor.MatMul on n×n matrices (median of the repeats, after a warm-up).</summary>
    public static double GflopsPerSecond(int n, int repeats = 5)
    {
        var a = Tensor.RandN([n, n], 1);
        var b = Tensor.RandN([n, n], 2);
        _ = Tensor.MatMul(a, b);
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            _ = Tensor.MatMul(a, b);
            times.Add(clock.Elapsed.TotalSeconds);
        }

        return 2.0 * n * n * n / Measure.Median(times) / 1e9;
    }
}
