using System.Runtime.CompilerServices;
namespace Llm.Kernels;

/// <summary>
/// Packing: copying slivers of op(A) and op(B) into the exact order the micro-kernel reads them.
/// The copy costs O(m·k + k·n) while the product costs O(m·n·k), and it buys three things: the
/// kernel walks memory strictly forwards (no cache or TLB misses from long strides), transposed
/// and plain inputs look the same to it, and ragged edges are padded with zeros so the kernel
/// never needs a special case.
/// </summary>
internal static partial class Gemm
{
    /// <summary>
    /// Packs rows [row, row + rows) × depths [depth, depth + kc) of op(A) as kc groups of
    /// <c>TKernel.Rows</c> floats: dst[p·Rows + i] = op(A)[row + i, depth + p], zero past row m.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PackA<TKernel>(bool transA, float* a, int lda, int m, int row, int depth, int kc, float* dst)
        where TKernel : struct, IMicroKernel
    {
        var mr = TKernel.Rows;
        var rows = Math.Min(mr, m - row);
        if (transA)
        {
            // A is k×m: the rows of op(A) we want sit side by side in each row of A.
            for (var p = 0; p < kc; p++)
            {
                var src = a + ((long)(depth + p) * lda) + row;
                var d = dst + (p * mr);
                for (var i = 0; i < rows; i++)
                {
                    d[i] = src[i];
                }

                for (var i = rows; i < mr; i++)
                {
                    d[i] = 0f;
                }
            }

            return;
        }

        // A is m×k: read each row forwards and scatter it down a column of the sliver.
        for (var i = 0; i < mr; i++)
        {
            var d = dst + i;
            if (i >= rows)
            {
                for (var p = 0; p < kc; p++)
                {
                    d[p * mr] = 0f;
                }

                continue;
            }

            var src = a + ((long)(row + i) * lda) + depth;
            for (var p = 0; p < kc; p++)
            {
                d[p * mr] = src[p];
            }
        }
    }

    /// <summary>
    /// Packs depths [depth, depth + kc) × columns [column, column + columns) of op(B) as kc groups
    /// of <c>TKernel.Columns</c> floats: dst[p·Columns + j] = op(B)[depth + p, column + j], zero past column n.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PackB<TKernel>(bool transB, float* b, int ldb, int n, int column, int depth, int kc, float* dst)
        where TKernel : struct, IMicroKernel
    {
        var nr = TKernel.Columns;
        var columns = Math.Min(nr, n - column);
        if (!transB)
        {
            // B is k×n: each group is a contiguous piece of one row of B.
            for (var p = 0; p < kc; p++)
            {
                var src = new ReadOnlySpan<float>(b + ((long)(depth + p) * ldb) + column, columns);
                var d = new Span<float>(dst + (p * nr), nr);
                src.CopyTo(d);
                d[columns..].Clear();
            }

            return;
        }

        // B is n×k: read each row of B (a column of op(B)) forwards and scatter it down the sliver.
        for (var j = 0; j < nr; j++)
        {
            var d = dst + j;
            if (j >= columns)
            {
                for (var p = 0; p < kc; p++)
                {
                    d[p * nr] = 0f;
                }

                continue;
            }

            var src = b + ((long)(column + j) * ldb) + depth;
            for (var p = 0; p < kc; p++)
            {
                d[p * nr] = src[p];
            }
        }
    }
}
