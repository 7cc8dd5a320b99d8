using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
                CopyRow(a + ((long)(depth + p) * lda) + row, rows, dst + (p * mr), mr);
            }

            return;
        }

        // A is m×k: read each row forwards and scatter it down a column of the sliver. Whole
        // blocks of eight rows × eight depths go through the 8×8 transpose when the CPU has it;
        // the loop below does what is left (all of it without the transpose).
        var (blockRows, blockDepths) = (CanTranspose8 ? rows / 8 * 8 : 0, 0);
        for (var i = 0; i < blockRows; i += 8)
        {
            blockDepths = Transpose8Rows(a + ((long)(row + i) * lda) + depth, lda, kc, dst + i, mr);
        }

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
            for (var p = i < blockRows ? blockDepths : 0; p < kc; p++)
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
                CopyRow(b + ((long)(depth + p) * ldb) + column, columns, dst + (p * nr), nr);
            }

            return;
        }

        // B is n×k: read each row of B (a column of op(B)) forwards and scatter it down the sliver,
        // eight rows × eight depths at a time through the transpose where it can, as in PackA.
        var (blockColumns, blockDepths) = (CanTranspose8 ? columns / 8 * 8 : 0, 0);
        for (var j = 0; j < blockColumns; j += 8)
        {
            blockDepths = Transpose8Rows(b + ((long)(column + j) * ldb) + depth, ldb, kc, dst + j, nr);
        }

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
            for (var p = j < blockColumns ? blockDepths : 0; p < kc; p++)
            {
                d[p * nr] = src[p];
            }
        }
    }

    /// <summary>
    /// dst[0, count) = src[0, count), then zeros up to <paramref name="width"/>: one group of a sliver. Eight
    /// floats at a time, not Span.CopyTo, whose call costs as much as the copy for groups of 8–32 floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void CopyRow(float* src, int count, float* dst, int width)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= count; i += 8)
            {
                Vector256.Store(Vector256.Load(src + i), dst + i);
            }
        }

        for (; i < count; i++)
        {
            dst[i] = src[i];
        }

        for (; i < width; i++)
        {
            dst[i] = 0f;
        }
    }
}
