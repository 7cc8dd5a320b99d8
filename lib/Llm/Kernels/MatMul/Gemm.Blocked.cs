namespace Llm.Kernels;

/// <summary>
/// The cache-blocked product, after Goto and van de Geijn ("Anatomy of high-performance matrix
/// multiplication", 2008) and BLIS. The k dimension is cut into panels KC deep; for each, a panel
/// of op(A) (up to <see cref="PanelRows"/> rows) and of op(B) (up to <see cref="PanelColumns"/>
/// columns) are packed, then C is cut into tiles that the threads share out.
/// </summary>
internal static partial class Gemm
{
    /// <summary>
    /// Depth of a panel (KC). A kernel's sliver of A (Rows × KC, 8 KiB for the AVX-512 kernel)
    /// stays in the L1 cache (32–48 KiB) while it meets every sliver of B in its tile, and a tile's
    /// block of B (KC × <see cref="TileColumns"/>, 512 KiB) stays in a core's L2 cache (1–2 MiB).
    /// It is fixed, never derived from the thread count: it sets the order of the sums.
    /// </summary>
    private const int KC = 256;

    /// <summary>Most rows of op(A) packed at once; only bounds the buffer (4096 × KC floats = 4 MiB).</summary>
    private const int PanelRows = 4096;

    /// <summary>Most columns of op(B) packed at once; only bounds the buffer, like <see cref="PanelRows"/>.</summary>
    private const int PanelColumns = 4096;

    /// <summary>
    /// About how many rows of C one task computes. Tiles are cut from both m and n so that a tall
    /// or a wide product still splits over every core; tiles never change the arithmetic, only
    /// which thread does it.
    /// </summary>
    private const int TileRows = 64;

    /// <summary>About how many columns of C one task computes (see <see cref="KC"/> for why).</summary>
    private const int TileColumns = 512;

    /// <summary>Bytes in a cache line.</summary>
    private const int CacheLine = 64;

    /// <summary>
    /// The packing buffer of the calling thread, kept between calls: a training step multiplies
    /// hundreds of times, and a fresh multi-megabyte array each time would keep the GC busy.
    /// One per calling thread, so that concurrent callers never share one.
    /// </summary>
    [ThreadStatic]
    private static float[]? workspace;

    private static unsafe void Blocked<TKernel>(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, float beta)
        where TKernel : struct, IMicroKernel
    {
        if (beta != 0f && beta != 1f)
        {
            ScaleRows(c, m, n, ldc, beta); // rare: scale once, then accumulate
            beta = 1f;
        }

        var aFloats = RoundUp(Math.Min(m, PanelRows), TKernel.Rows) * KC;
        var bFloats = RoundUp(Math.Min(n, PanelColumns), TKernel.Columns) * KC;
        var buffer = Workspace(aFloats + bFloats + (CacheLine / sizeof(float)));
        fixed (float* pa = a, pb = b, pc = c, pw = buffer)
        {
            // Start the panels on a cache line (each panel is a whole number of lines long), so that no
            // vector load of a packed sliver straddles two lines.
            var packedA = (float*)(((nint)pw + CacheLine - 1) & ~(nint)(CacheLine - 1));
            var product = new BlockedProduct<TKernel>(transA, transB, pa, lda, pb, ldb, pc, ldc, packedA, packedA + aFloats);
            for (var depth = 0; depth < k; depth += KC)
            {
                var kc = Math.Min(KC, k - depth);
                var accumulate = depth > 0 || beta != 0f;
                for (var row = 0; row < m; row += PanelRows)
                {
                    for (var column = 0; column < n; column += PanelColumns)
                    {
                        // A's panel serves every column panel, so it is packed only with the first.
                        product.Step(depth, kc, row, Math.Min(PanelRows, m - row), column, Math.Min(PanelColumns, n - column), packA: column == 0, accumulate);
                        CpuParallel.For(product.PackItems, (long)kc * TKernel.Columns, product.Pack);
                        CpuParallel.For(product.Tiles, product.TileWork, product.Compute);
                    }
                }
            }
        }
    }

    private static int RoundUp(int value, int multiple) => CeilDiv(value, multiple) * multiple;

    private static int CeilDiv(int value, int divisor) => (value + divisor - 1) / divisor;

    private static float[] Workspace(int floats)
    {
        if (workspace is null || workspace.Length < floats)
        {
            // Pinned (allocated where the GC never moves it) and uninitialised: it is always written before it is read.
            workspace = GC.AllocateUninitializedArray<float>(floats, pinned: true);
        }

        return workspace;
    }
}
