namespace Llm.Backends.Cpu;

/// <summary>
/// General matrix multiply on the CPU: C = beta·C + op(A)·op(B). This is the plain reference
/// version (the oracle the fast kernel is tested against).
/// </summary>
internal static partial class Gemm
{
    /// <summary>
    /// Row-major matrices. op(A) is m×k: A is m×k (lda ≥ k) or, transposed, k×m (lda ≥ m).
    /// op(B) is k×n: B is k×n (ldb ≥ n) or, transposed, n×k (ldb ≥ k). C is m×n (ldc ≥ n).
    /// beta is 0 (overwrite) or 1 (accumulate).
    /// </summary>
    public static void Multiply(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, float beta) =>
        Reference(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta);

    /// <summary>The textbook triple loop, accumulating in float64 for a trustworthy oracle.</summary>
    public static void Reference(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, float beta)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                {
                    var aip = transA ? a[(p * lda) + i] : a[(i * lda) + p];
                    var bpj = transB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    sum += aip * bpj;
                }

                c[(i * ldc) + j] = (float)((beta == 0f ? 0.0 : beta * c[(i * ldc) + j]) + sum);
            }
        }
    }
}
