using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
namespace Llm.Kernels;

/// <summary>
/// Packing: copying slivers of op(A) and op(B) into the exact order the micro-kernel reads them.
/// The copy costs O(m·k + k·n) while the product costs O(m·n·k), and it buys three things: the
/// kernel walks memory strictly forwards (no cache or TLB misses from long strides), transposed
/// and plain inputs look the same to it, and ragged edges are padded with zeros so the kernel
/// never needs a special case.
/// <para>
/// A sliver is kc groups of <c>width</c> floats (width = the kernel's rows for A, its columns for
/// B). Whatever the operand, its floats lie in one of two ways: a group is a contiguous piece of one
/// input row (<see cref="PackAlong"/>), or each input row runs down one place of every group
/// (<see cref="PackAcross"/>). A plain A and a transposed B are the second; a transposed A and a
/// plain B the first.
/// </para>
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
        var rows = Math.Min(TKernel.Rows, m - row);
        if (transA)
        {
            PackAlong(a + ((long)depth * lda) + row, lda, rows, TKernel.Rows, kc, dst);   // A is k×m
        }
        else
        {
            PackAcross(a + ((long)row * lda) + depth, lda, rows, TKernel.Rows, kc, dst);  // A is m×k
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
        var columns = Math.Min(TKernel.Columns, n - column);
        if (transB)
        {
            PackAcross(b + ((long)column * ldb) + depth, ldb, columns, TKernel.Columns, kc, dst); // B is n×k
        }
        else
        {
            PackAlong(b + ((long)depth * ldb) + column, ldb, columns, TKernel.Columns, kc, dst);  // B is k×n
        }
    }

    /// <summary>
    /// Group p is src[p·stride + (0 … count)], then zeros up to <paramref name="width"/>:
    /// each group is a contiguous piece of one input row, copied eight floats at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PackAlong(float* src, int stride, int count, int width, int kc, float* dst)
    {
        for (var p = 0; p < kc; p++)
        {
            CopyRow(src + ((long)p * stride), count, dst + (p * width), width);
        }
    }

    /// <summary>
    /// Group p holds src[i·stride + p] at place i, for i below <paramref name="count"/>, zeros after:
    /// input row i is read forwards and scattered down place i of every group. Whole blocks of eight
    /// rows × eight depths go through the 8×8 transpose when the CPU has it; the loop below does what
    /// is left (all of it without the transpose).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PackAcross(float* src, int stride, int count, int width, int kc, float* dst)
    {
        var (blockRows, blockDepths) = (CanTranspose8 ? count / 8 * 8 : 0, 0);
        for (var i = 0; i < blockRows; i += 8)
        {
            blockDepths = Transpose8Rows(src + ((long)i * stride), stride, kc, dst + i, width);
        }

        for (var i = 0; i < width; i++)
        {
            var d = dst + i;
            if (i >= count)
            {
                for (var p = 0; p < kc; p++)
                {
                    d[p * width] = 0f;
                }

                continue;
            }

            var row = src + ((long)i * stride);
            for (var p = i < blockRows ? blockDepths : 0; p < kc; p++)
            {
                d[p * width] = row[p];
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
