using Llm.Kernels;
using Llm.Tests.Autograd;

namespace Llm.Tests.Backends;

/// <summary>
/// The fast matrix multiply against the float64 reference loop, through every path this machine
/// runs (with DOTNET_EnableHWIntrinsic=0 that is the direct and the scalar blocked path).
/// </summary>
[Collection(CpuThreadsCollection.Name)]
public class GemmTests
{
    /// <summary>Awkward sizes: around the kernels' tile widths (4, 6, 8, 16, 32) and the panel depth (256).</summary>
    private static readonly int[] Sizes = [1, 3, 7, 15, 16, 17, 31, 33, 63, 64, 65, 127, 257];

    public static TheoryData<bool, bool, float> Layouts()
    {
        var data = new TheoryData<bool, bool, float>();
        foreach (var transA in new[] { false, true })
        {
            foreach (var transB in new[] { false, true })
            {
                data.Add(transA, transB, 0f);
                data.Add(transA, transB, 1f);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void EveryPathMatchesTheReference(bool transA, bool transB, float beta)
    {
        foreach (var (m, n, k) in Shapes())
        {
            var problem = new Problem(transA, transB, m, n, k, beta, seed: (ulong)((m * 1_000_003) + (n * 1_009) + k));
            var expected = problem.Run(Gemm.Reference);
            foreach (var kernel in SupportedKernels())
            {
                var actual = problem.Run((ta, tb, mm, nn, kk, a, lda, b, ldb, c, ldc, bt) => Gemm.Multiply(kernel, ta, tb, mm, nn, kk, a, lda, b, ldb, c, ldc, bt));
                problem.AssertClose(expected, actual, $"{kernel} path");
            }

            problem.AssertClose(expected, problem.Run(Gemm.Multiply), "automatic choice");
        }
    }

    [VectorKernelsTheory]
    [MemberData(nameof(Layouts))]
    public void TheVectorKernelsAgreeBitForBit(bool transA, bool transB, float beta)
    {
        // The kernel is chosen by measuring at first use, so a machine may pick either width: the
        // choice must never change a result (nor a resumed run's continuation).
        var kernels = VectorKernelsTheoryAttribute.Kernels;
        foreach (var (m, n, k) in Shapes())
        {
            var problem = new Problem(transA, transB, m, n, k, beta, seed: (ulong)((m * 7_919) + (n * 104_729) + k));
            var first = problem.Run((ta, tb, mm, nn, kk, a, lda, b, ldb, c, ldc, bt) => Gemm.Multiply(kernels[0], ta, tb, mm, nn, kk, a, lda, b, ldb, c, ldc, bt));
            foreach (var kernel in kernels.Skip(1))
            {
                var other = problem.Run((ta, tb, mm, nn, kk, a, lda, b, ldb, c, ldc, bt) => Gemm.Multiply(kernel, ta, tb, mm, nn, kk, a, lda, b, ldb, c, ldc, bt));
                Assert.True(first.AsSpan().SequenceEqual(other), $"{kernels[0]} and {kernel} differ on {m}×{n}×{k}");
            }
        }
    }

    [Fact]
    public void TheChosenKernelIsTheFasterOfTheTwoWidest()
    {
        var measured = Gemm.KernelChoice.Measured;
        Assert.Contains(Gemm.KernelChoice.Chosen, Gemm.KernelChoice.Candidates.DefaultIfEmpty(Gemm.Kernel.Scalar));   // no SIMD at all: the scalar kernel
        Assert.Equal(Gemm.KernelChoice.Candidates.Count < 2 ? 0 : Gemm.KernelChoice.Candidates.Count, measured.Count);
        Assert.All(measured, r => Assert.True(r.GflopsPerSecond > 0, $"{r.Kernel}: {r.GflopsPerSecond} GFLOP/s"));
        if (measured.Count > 0)
        {
            Assert.Equal(measured.MaxBy(r => r.GflopsPerSecond).Kernel, Gemm.KernelChoice.Chosen);
        }
    }

    [Fact]
    public void ResultsAreBitwiseTheSameOnOneOrTwoThreads()
    {
        var saved = CpuParallel.Threads;
        try
        {
            // Square, wide and tall products, big enough to be cut into several tiles and panels.
            foreach (var (m, n, k) in new[] { (200, 150, 300), (4, 3000, 300), (3000, 9, 300) })
            {
                var problem = new Problem(transA: true, transB: false, m, n, k, beta: 1f, seed: 7);
                foreach (var kernel in SupportedKernels())
                {
                    var one = RunOnThreads(1, problem, kernel);
                    var two = RunOnThreads(2, problem, kernel);
                    Assert.True(one.AsSpan().SequenceEqual(two), $"{kernel} path, {m}×{n}×{k}: results differ between 1 and 2 threads");
                }
            }
        }
        finally
        {
            CpuParallel.Threads = saved;
        }
    }

    [Fact]
    public void BatchedProductsSideBySideEqualEachProductAlone()
    {
        var saved = CpuParallel.Threads;
        try
        {
            // 16 products of 160×130 · 130×96, at least 4 per thread: the backend runs them side by
            // side, each whole on one thread (its own parallel steps inline). Alone, each product
            // is split over both threads instead. The splits must not change a single bit.
            CpuParallel.Threads = 2;
            const int Batch = 16, M = 160, K = 130, N = 96;
            var a = Tensor.RandN([Batch, M, K], 1).ToArray();
            var b = Tensor.RandN([Batch, K, N], 2).ToArray();
            var batched = Tensor.MatMul(Tensor.FromArray(a, Batch, M, K), Tensor.FromArray(b, Batch, K, N)).ToArray();
            for (var i = 0; i < Batch; i++)
            {
                var alone = Tensor.MatMul(Tensor.FromArray(a[(i * M * K)..((i + 1) * M * K)], M, K), Tensor.FromArray(b[(i * K * N)..((i + 1) * K * N)], K, N)).ToArray();
                Assert.True(alone.AsSpan().SequenceEqual(batched.AsSpan(i * M * N, M * N)), $"product {i} differs");
            }
        }
        finally
        {
            CpuParallel.Threads = saved;
        }
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1f)]
    public void AnEmptyInnerDimensionLeavesBetaTimesC(float beta)
    {
        float[] c = [1f, 2f, 3f, 4f];
        Gemm.Multiply(false, false, 2, 2, 0, [], 0, [], 2, c, 2, beta);
        Assert.Equal(beta == 0f ? [0f, 0f, 0f, 0f] : [1f, 2f, 3f, 4f], c);
    }

    [Fact]
    public void TooShortASpanThrowsInsteadOfReadingPastIt()
    {
        var a = new float[(4 * 5) - 1]; // one float short of 4×5
        var b = new float[5 * 3];
        var c = new float[4 * 3];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 4, 3, 5, a, 5, b, 3, c, 3, 0f));
    }

    private static float[] RunOnThreads(int threads, Problem problem, Gemm.Kernel kernel)
    {
        CpuParallel.Threads = threads;
        return problem.Run((ta, tb, m, n, k, a, lda, b, ldb, c, ldc, beta) => Gemm.Multiply(kernel, ta, tb, m, n, k, a, lda, b, ldb, c, ldc, beta));
    }

    private static IEnumerable<Gemm.Kernel> SupportedKernels() => Enum.GetValues<Gemm.Kernel>().Where(Gemm.IsSupported);

    /// <summary>
    /// Each size in each role (m, n, k) three times, paired differently each time, plus shapes that
    /// cross the blocked path's panel limits: k over two panels deep, n and m over 4096.
    /// </summary>
    private static IEnumerable<(int M, int N, int K)> Shapes()
    {
        for (var i = 0; i < Sizes.Length; i++)
        {
            foreach (var (stepN, stepK) in new[] { (1, 2), (5, 3), (8, 11) })
            {
                yield return (Sizes[i], Sizes[(i + stepN) % Sizes.Length], Sizes[(i + stepK) % Sizes.Length]);
            }
        }

        yield return (17, 33, 513);
        yield return (3, 4100, 5);
        yield return (4100, 3, 5);
    }

    /// <summary>
    /// One product's inputs. Every matrix has a row stride wider than its rows, and the gaps hold
    /// NaN: a path that read a gap would turn its result into NaN, and one that wrote into C's gaps
    /// is caught by <see cref="Run"/>. With beta 0, C starts as NaN too, which must be overwritten.
    /// </summary>
    private sealed class Problem
    {
        private readonly bool transA, transB;
        private readonly int m, n, k, lda, ldb, ldc;
        private readonly float beta;
        private readonly float[] a, b, c;
        private readonly float[] magnitude;

        public Problem(bool transA, bool transB, int m, int n, int k, float beta, ulong seed)
        {
            (this.transA, this.transB, this.m, this.n, this.k, this.beta) = (transA, transB, m, n, k, beta);
            var random = new Random((int)(seed % int.MaxValue));
            (lda, ldb, ldc) = ((transA ? m : k) + 3, (transB ? k : n) + 5, n + 2);
            a = Matrix(transA ? k : m, transA ? m : k, lda, () => (random.NextSingle() * 2f) - 1f);
            b = Matrix(transB ? n : k, transB ? k : n, ldb, () => (random.NextSingle() * 2f) - 1f);
            c = Matrix(m, n, ldc, () => beta == 0f ? float.NaN : random.NextSingle());

            // Σ|a|·|b| for each element of C: the scale its rounding errors are measured against.
            magnitude = new float[c.Length];
            Gemm.Reference(transA, transB, m, n, k, a.Select(MathF.Abs).ToArray(), lda, b.Select(MathF.Abs).ToArray(), ldb, magnitude, ldc, 0f);
        }

        /// <summary>Runs <paramref name="gemm"/> on a fresh copy of C, checks it left C's gaps alone, and returns the copy.</summary>
        public float[] Run(GemmFunction gemm)
        {
            var result = (float[])c.Clone();
            gemm(transA, transB, m, n, k, a, lda, b, ldb, result, ldc, beta);
            for (var i = 0; i < m; i++)
            {
                for (var j = n; j < ldc; j++)
                {
                    Assert.True(float.IsNaN(result[(i * ldc) + j]), $"{Describe()}: wrote into the gap of C at row {i}, column {j}");
                }
            }

            return result;
        }

        /// <summary>
        /// The fast paths sum in float32, the reference in float64. Each float32 multiply-add rounds
        /// with a relative error up to 2⁻²⁴ ≈ 6e-8 of the terms involved; those errors have random
        /// signs, so over k terms they typically grow like √k, not k. Measured against the scale
        /// Σ|a|·|b| (+ |C| when accumulating) rather than the result, so that cancellation is fair,
        /// 1e-5·√k leaves ample room for rounding, yet any wrong, missing or doubled term (an error
        /// the size of one |a·b|) still fails.
        /// </summary>
        public void AssertClose(float[] expected, float[] actual, string path)
        {
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var at = (i * ldc) + j;
                    var scale = magnitude[at] + (beta == 0f ? 0f : MathF.Abs(c[at]));
                    var tolerance = 1e-5 * Math.Sqrt(k) * scale;
                    if (!(Math.Abs(actual[at] - expected[at]) <= tolerance))
                    {
                        Assert.Fail($"{path}, {Describe()}: C[{i}, {j}] is {actual[at]}, expected {expected[at]} ± {tolerance:G3}");
                    }
                }
            }
        }

        private string Describe() => $"{m}×{n}×{k} (transA: {transA}, transB: {transB}, beta: {beta})";

        private static float[] Matrix(int rows, int columns, int stride, Func<float> value)
        {
            var matrix = new float[Math.Max(1, rows * stride)];
            Array.Fill(matrix, float.NaN);
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    matrix[(i * stride) + j] = value();
                }
            }

            return matrix;
        }
    }

    private delegate void GemmFunction(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, float beta);
}
