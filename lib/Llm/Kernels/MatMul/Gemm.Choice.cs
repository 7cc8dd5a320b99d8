using System.Diagnostics;

namespace Llm.Kernels;

/// <summary>Which micro-kernel the blocked path uses on this machine, measured rather than assumed.</summary>
internal static partial class Gemm
{
    /// <summary>
    /// The kernel chosen at first use, and the measurements behind the choice. The widest vectors
    /// are not always the fastest: a Zen 4 core executes a 512-bit FMA as two 256-bit halves, and on
    /// one our 512-bit GEMM reached 130 GFLOP/s where OpenBLAS's 256-bit code reached 194. So the
    /// two widest kernels the machine runs in hardware each multiply the same model-sized product a
    /// few times, taking turns so that a busy moment slows both, and the faster one is kept for the
    /// rest of the process (about 20 ms, once). The vector kernels sum every element in the same
    /// order with the same fused multiply-adds, so the choice never changes a result: GemmTests
    /// checks that they agree bit for bit, and a run resumed on a machine that chose the other one
    /// continues exactly.
    /// </summary>
    internal static class KernelChoice
    {
        private static readonly Lazy<(Kernel Chosen, IReadOnlyList<(Kernel Kernel, double GflopsPerSecond)> Measured)> Choice = new(Measure);

        /// <summary>The kernel <see cref="Multiply(bool, bool, int, int, int, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, Span{float}, int, float)"/> uses for products too big for the direct loop.</summary>
        public static Kernel Chosen => Choice.Value.Chosen;

        /// <summary>Each candidate's best speed on the test product; empty when there was one candidate and nothing to measure.</summary>
        public static IReadOnlyList<(Kernel Kernel, double GflopsPerSecond)> Measured => Choice.Value.Measured;

        /// <summary>The two widest of <see cref="VectorKernels"/>: the ones measured.</summary>
        public static IReadOnlyList<Kernel> Candidates { get; } = VectorKernels.Take(2).ToList();

        private static (Kernel, IReadOnlyList<(Kernel, double)>) Measure()
        {
            if (Candidates.Count < 2)
            {
                return (Candidates.Count == 1 ? Candidates[0] : Kernel.Scalar, []);
            }

            // A batch of 256 tokens through a 768-wide layer: 0.3 GFLOP, 1–3 ms with these kernels.
            const int m = 256, n = 768, k = 768;
            var a = new float[m * k];
            var b = new float[k * n];
            var c = new float[m * n];
            for (var i = 0; i < a.Length; i++)
            {
                a[i] = ((i * 7) % 13) - 6;
            }

            for (var i = 0; i < b.Length; i++)
            {
                b[i] = ((i * 5) % 11) - 5;
            }

            // Round 0 compiles each path and warms the caches; the best of the next three counts.
            var best = new double[Candidates.Count];
            var clock = new Stopwatch();
            for (var round = 0; round < 4; round++)
            {
                for (var i = 0; i < Candidates.Count; i++)
                {
                    clock.Restart();
                    Multiply(Candidates[i], false, true, m, n, k, a, k, b, k, c, n, 0f);
                    var gflops = 2.0 * m * n * k / clock.Elapsed.TotalSeconds / 1e9;
                    best[i] = round == 0 ? 0 : Math.Max(best[i], gflops);
                }
            }

            var measured = Candidates.Select((kernel, i) => (kernel, best[i])).ToList();
            return (measured.MaxBy(r => r.Item2).kernel, measured);
        }
    }
}
