using System.Runtime.CompilerServices;
namespace Llm.Kernels;

/// <summary>The two parallel steps of the blocked product: packing panels, then multiplying tiles.</summary>
internal static partial class Gemm
{
    /// <summary>
    /// One product in progress: the matrices, the packed panels, and which panel step is current.
    /// The threads of a step share it; each writes only its own slivers (packing) or its own tile of
    /// C (multiplying), and the step waits for all of them before the next one changes anything.
    /// </summary>
    private sealed unsafe class BlockedProduct<TKernel>(
        bool transA, bool transB, float* a, int lda, float* b, int ldb, float* c, int ldc, float* packedA, float* packedB)
        where TKernel : struct, IMicroKernel
    {
        private int depth, kc, row, rows, column, columns;
        private int aSlivers, bSlivers, tileRows, tileColumns;
        private bool packA, accumulate;

        /// <summary>Work items of <see cref="Pack"/>: B's slivers, then A's when A is packed this step.</summary>
        public int PackItems => bSlivers + (packA ? aSlivers : 0);

        /// <summary>Work items of <see cref="Compute"/>: tiles of C.</summary>
        public int Tiles => tileRows * tileColumns;

        /// <summary>
        /// One tile's work in CpuParallel's units, so that it keeps small steps on one thread. Its
        /// unit is about one simple operation on one float; the kernel does some 32 multiply-adds
        /// in that time (two 16-wide FMAs per cycle), so waking a second thread only pays off
        /// for about a million of them.
        /// </summary>
        public long TileWork => (long)kc * aSlivers * TKernel.Rows * bSlivers * TKernel.Columns / Tiles / 32;

        /// <summary>Moves to the panel step for depths [depth, depth + kc), rows [row, row + rows), columns [column, column + columns).</summary>
        public void Step(int depth, int kc, int row, int rows, int column, int columns, bool packA, bool accumulate)
        {
            (this.depth, this.kc, this.row, this.rows, this.column, this.columns) = (depth, kc, row, rows, column, columns);
            (this.packA, this.accumulate) = (packA, accumulate);
            aSlivers = CeilDiv(rows, TKernel.Rows);
            bSlivers = CeilDiv(columns, TKernel.Columns);

            // How many tiles; Compute then shares the slivers out evenly between them, rather than
            // cutting full tiles and a thin remainder.
            tileRows = CeilDiv(aSlivers, Math.Max(1, TileRows / TKernel.Rows));
            tileColumns = CeilDiv(bSlivers, Math.Max(1, TileColumns / TKernel.Columns));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Pack(int start, int end)
        {
            for (var item = start; item < end; item++)
            {
                if (item < bSlivers)
                {
                    PackB<TKernel>(transB, b, ldb, column + columns, column + (item * TKernel.Columns), depth, kc, packedB + ((long)item * TKernel.Columns * kc));
                }
                else
                {
                    var sliver = item - bSlivers;
                    PackA<TKernel>(transA, a, lda, row + rows, row + (sliver * TKernel.Rows), depth, kc, packedA + ((long)sliver * TKernel.Rows * kc));
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Compute(int start, int end)
        {
            // Edge tiles are computed in full into this scratch tile, then only the valid part is kept.
            var edge = stackalloc float[TKernel.Rows * TKernel.Columns];
            for (var tile = start; tile < end; tile++)
            {
                // Neighbouring tiles (which CpuParallel hands to the same thread) share a
                // column, so the block of packed B that one leaves in L2 serves the next one too.
                var tc = tile / tileRows;
                var tr = tile % tileRows;
                var firstA = Split(aSlivers, tr, tileRows);
                var endA = Split(aSlivers, tr + 1, tileRows);
                var firstB = Split(bSlivers, tc, tileColumns);
                var endB = Split(bSlivers, tc + 1, tileColumns);

                // A's sliver (the outer loop) stays in L1 while B's slivers stream from L2.
                for (var i = firstA; i < endA; i++)
                {
                    var aSliver = packedA + ((long)i * TKernel.Rows * kc);
                    var validRows = Math.Min(TKernel.Rows, rows - (i * TKernel.Rows));
                    for (var j = firstB; j < endB; j++)
                    {
                        var bSliver = packedB + ((long)j * TKernel.Columns * kc);
                        var validColumns = Math.Min(TKernel.Columns, columns - (j * TKernel.Columns));
                        var target = c + ((long)(row + (i * TKernel.Rows)) * ldc) + column + (j * TKernel.Columns);
                        if (validRows == TKernel.Rows && validColumns == TKernel.Columns)
                        {
                            TKernel.Run(kc, aSliver, bSliver, target, ldc, accumulate);
                        }
                        else
                        {
                            TKernel.Run(kc, aSliver, bSliver, edge, TKernel.Columns, accumulate: false);
                            MergeEdge(edge, target, validRows, validColumns);
                        }
                    }
                }
            }
        }

        /// <summary>Where part <paramref name="part"/> of <paramref name="parts"/> equal parts of [0, count) starts.</summary>
        private static int Split(int count, int part, int parts) => (int)((long)count * part / parts);

        /// <summary>Adds (or writes) the valid corner of a scratch tile into C, with the same float addition the kernels use.</summary>
        private void MergeEdge(float* edge, float* target, int validRows, int validColumns)
        {
            for (var i = 0; i < validRows; i++)
            {
                for (var j = 0; j < validColumns; j++)
                {
                    var sum = edge[(i * TKernel.Columns) + j];
                    target[((long)i * ldc) + j] = accumulate ? target[((long)i * ldc) + j] + sum : sum;
                }
            }
        }
    }
}
