using System.Diagnostics;

namespace Llm.Benchmarking;

/// <summary>Matrix-multiply speed: 2·n³ floating-point operations per n×n product.</summary>
public static class MatMulBenchmark
{
    /// <summary>
    /// GFLOP/s of the device's matrix multiply on n×n matrices (median of the repeats, after half a
    /// second of warm-up, so that the runtime has finished compiling the hot code). The output is allocated once: a fresh 4 MB array per call would time the garbage
    /// collector as much as the multiply.
    /// </summary>
    public static double GflopsPerSecond(int n, int repeats = 5)
    {
        var a = Tensor.RandN([n, n], 1);
        var b = Tensor.RandN([n, n], 2);
        var c = Tensor.Zeros(n, n);
        var backend = a.Backend;
        void Multiply() => backend.MatMul(a.Storage, b.Storage, c.Storage, 1, n, n, n, false, false, 0, 0, 0, 0f);
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < 0.5)
        {
            Multiply();
        }

        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            Multiply();
            times.Add(clock.Elapsed.TotalSeconds);
        }

        return 2.0 * n * n * n / Measure.Median(times) / 1e9;
    }
}
