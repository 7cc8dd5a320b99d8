namespace Llm.Kernels;

/// <summary>
/// General matrix multiply on the CPU: C = beta·C + op(A)·op(B).
/// <para>
/// Tiny products, and those with only a few rows, take a direct loop (<see cref="Direct"/>).
/// The others take the cache-blocked path (<see cref="Blocked{TKernel}"/>): panels of op(A) and
/// op(B) are copied ("packed") into contiguous buffers, and a register-blocked micro-kernel
/// multiplies them with the widest SIMD vectors the machine has. <see cref="Reference"/> is the
/// plain triple loop the fast paths are tested against.
/// </para>
/// <para>
/// Every output element is always summed by one thread in the same k order, so results are
/// bitwise the same whatever <see cref="CpuParallel.Threads"/> is.
/// </para>
/// </summary>
internal static partial class Gemm
{
    /// <summary>
    /// Row-major matrices. op(A) is m×k: A is m×k (lda ≥ k) or, transposed, k×m (lda ≥ m).
    /// op(B) is k×n: B is k×n (ldb ≥ n) or, transposed, n×k (ldb ≥ k). C is m×n (ldc ≥ n).
    /// beta is 0 (overwrite) or 1 (accumulate).
    /// </summary>
    public static void Multiply(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, float beta)
    {
        var kernel = PrefersDirect(m, n, k) ? Kernel.Direct : BestKernel;
        Multiply(kernel, transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta);
    }

    /// <summary>The same product through a chosen path, so tests can check every path the machine supports.</summary>
    internal static void Multiply(Kernel kernel, bool transA, bool transB, int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, float beta)
    {
        if (m <= 0 || n <= 0)
        {
            return;
        }

        if (k <= 0)
        {
            kernel = Kernel.Direct; // nothing to multiply: C = beta·C, which the direct loop does
        }

        // The fast paths read through raw pointers, so check the extents once here, where a
        // wrong leading dimension becomes an exception instead of silently reading other memory.
        RequireLength(nameof(a), a.Length, transA ? k : m, transA ? m : k, lda);
        RequireLength(nameof(b), b.Length, transB ? n : k, transB ? k : n, ldb);
        RequireLength(nameof(c), c.Length, m, n, ldc);

        switch (kernel)
        {
            case Kernel.Direct: Direct(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta); break;
            case Kernel.Scalar: Blocked<ScalarKernel>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta); break;
            case Kernel.Vector128: Blocked<Vector128Kernel>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta); break;
            case Kernel.Vector256: Blocked<Vector256Kernel>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta); break;
            case Kernel.Vector512: Blocked<Vector512Kernel>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta); break;
            default: throw new ArgumentOutOfRangeException(nameof(kernel), kernel, null);
        }
    }

    private static void RequireLength(string name, int length, int rows, int columns, int stride)
    {
        if (stride < columns)
        {
            throw new ArgumentException($"{name}: its row stride {stride} is less than its {columns} columns.", name);
        }

        if (rows > 0 && ((long)(rows - 1) * stride) + columns > length)
        {
            throw new ArgumentException($"{name} holds {length} floats, too few for {rows}×{columns} with a row stride of {stride}.", name);
        }
    }

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
