using System.Diagnostics;

namespace Llm.Benchmarking;

/// <summary>Matrix-multiply speed: 2·n³ floating-point operations per n×n product.</summary>
public static class MatMulBenchmark
{
    /// <summary>
    /// GFLOP/s of the device's matrix multiply on n×n matrices (median of the repeats, after half a
    /// second of warm-up, so that the runtime has finished compiling the hot code). Each product runs
    /// in a step of its own without gradients, so its output comes from the step's memory: a fresh
    /// 4 MB array per call would time the garbage collector as much as the multiply.
    /// </summary>
    public static double GflopsPerSecond(int n, int repeats = 5)
    {
        var a = Tensor.RandN([n, n], 1);
        var b = Tensor.RandN([n, n], 2);
        void Multiply()
        {
            using (Tensor.NoGrad())
            using (Tensor.Step())
            {
                _ = Tensor.MatMul(a, b).ReadRange(0, 1); // reading one value waits for a GPU to finish
            }
        }

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
