using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Llm.Kernels;

/// <summary>The direct path, without packing: for tiny products, and for products with only a few rows.</summary>
internal static partial class Gemm
{
    /// <summary>Below this many multiply-adds (m·n·k, about 16³), packing costs more than it saves.</summary>
    private const long DirectLimit = 4096;

    /// <summary>Columns of C in one work item of the direct path.</summary>
    private const int DirectColumns = 256;

    /// <summary>Fewer rows of C than this (the AVX-512 kernel's tile height) also skip packing.</summary>
    private const int DirectRows = 8;

    /// <summary>
    /// Whether to skip packing. A tiny product costs less than packing it would; and with only a
    /// few rows of C (down to a vector times a matrix, as when generating one token) each float of
    /// B is used only a few times, so copying B first costs about as much as the product itself.
    /// </summary>
    private static bool PrefersDirect(int m, int n, int k) => m < DirectRows || (long)m * n * k < DirectLimit;

    /// <summary>
    /// Blocks of up to <see cref="DirectColumns"/> columns of one row of C are the work items, so
    /// that even a single row splits over the cores; each element is still summed by one thread in
    /// one order. Without a transposed B, the block gathers rows of B scaled by op(A)[i, p]; with
    /// one, each element is a dot product of two rows. Both are contiguous and vectorised.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Direct(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, float beta)
    {
        ScaleRows(c, m, n, ldc, beta);
        var blocks = CeilDiv(n, DirectColumns);
        fixed (float* pa = a, pb = b, pc = c)
        {
            // Copies, because a lambda may not capture the variables of a fixed statement.
            float* aa = pa, bb = pb, cc = pc;

            // Work in CpuParallel's units (about one scalar operation): vectors do several multiply-adds in one.
            CpuParallel.For(m * blocks, (long)k * Math.Min(n, DirectColumns) / 8, (start, end) =>
            {
                for (var item = start; item < end; item++)
                {
                    var (i, column) = (item / blocks, item % blocks * DirectColumns);
                    var row = new Span<float>(cc + ((long)i * ldc) + column, Math.Min(DirectColumns, n - column));
                    DirectBlock(transA, transB, i, column, k, aa, lda, bb, ldb, row);
                }
            });
        }
    }

    /// <summary>row += op(A)[i, :] · op(B)[:, column .. column + row.Length].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void DirectBlock(bool transA, bool transB, int i, int column, int k, float* a, int lda, float* b, int ldb, Span<float> row)
    {
        if (!transB)
        {
            for (var p = 0; p < k; p++)
            {
                var aip = transA ? a[((long)p * lda) + i] : a[((long)i * lda) + p];
                TensorPrimitives.FusedMultiplyAdd(new ReadOnlySpan<float>(b + ((long)p * ldb) + column, row.Length), aip, row, row);
            }
        }
        else if (!transA)
        {
            var aRow = new ReadOnlySpan<float>(a + ((long)i * lda), k);
            for (var j = 0; j < row.Length; j++)
            {
                row[j] += TensorPrimitives.Dot(aRow, new ReadOnlySpan<float>(b + ((long)(column + j) * ldb), k));
            }
        }
        else
        {
            // Both transposed: op(A)'s row is a strided column of A, so no vector helper fits.
            for (var j = 0; j < row.Length; j++)
            {
                var bRow = b + ((long)(column + j) * ldb);
                var sum = 0f;
                for (var p = 0; p < k; p++)
                {
                    sum += a[((long)p * lda) + i] * bRow[p];
                }

                row[j] += sum;
            }
        }
    }

    /// <summary>C = beta·C on the m×n part of C; beta 0 clears, which also wipes any NaN that was there.</summary>
    private static void ScaleRows(Span<float> c, int m, int n, int ldc, float beta)
    {
        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else if (beta != 1f)
            {
                TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }
}
