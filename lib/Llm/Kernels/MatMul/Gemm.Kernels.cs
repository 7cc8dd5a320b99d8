using System.Runtime.Intrinsics;

namespace Llm.Kernels;

/// <summary>The micro-kernels the blocked path can use, and the choice of the best one.</summary>
internal static partial class Gemm
{
    /// <summary>The ways <see cref="Multiply(Kernel, bool, bool, int, int, int, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, Span{float}, int, float)"/> can compute a product.</summary>
    internal enum Kernel
    {
        /// <summary>No packing: a direct loop for small products.</summary>
        Direct,

        /// <summary>Blocked, with plain float arithmetic (machines, or runs, without SIMD).</summary>
        Scalar,

        /// <summary>Blocked, 4 floats per vector (SSE on x86, NEON on Arm64).</summary>
        Vector128,

        /// <summary>Blocked, 8 floats per vector (AVX2).</summary>
        Vector256,

        /// <summary>Blocked, 16 floats per vector (AVX-512).</summary>
        Vector512,
    }

    /// <summary>The kernel the blocked path uses: see <see cref="KernelChoice"/>.</summary>
    internal static Kernel BestKernel => KernelChoice.Chosen;

    /// <summary>The SIMD kernels this machine runs in hardware, widest first.</summary>
    internal static IReadOnlyList<Kernel> VectorKernels { get; } =
        new[] { Kernel.Vector512, Kernel.Vector256, Kernel.Vector128 }.Where(IsSupported).ToList();

    /// <summary>Whether this machine runs <paramref name="kernel"/> with real SIMD instructions (a slow software fallback does not count).</summary>
    internal static bool IsSupported(Kernel kernel) => kernel switch
    {
        Kernel.Vector512 => Vector512.IsHardwareAccelerated,
        Kernel.Vector256 => Vector256.IsHardwareAccelerated,
        Kernel.Vector128 => Vector128.IsHardwareAccelerated,
        _ => true,
    };

    /// <summary>
    /// A micro-kernel multiplies a packed Rows×kc sliver of op(A) by a packed kc×Columns sliver of
    /// op(B) into a Rows×Columns tile of C, holding the whole tile in registers while it runs.
    /// Implemented by structs so that <see cref="Blocked{TKernel}"/> is compiled once per kernel
    /// with Rows and Columns as constants and the call inlined — no virtual call in the hot loop.
    /// </summary>
    internal interface IMicroKernel
    {
        /// <summary>Rows of the C tile (MR): how many floats of A are broadcast per step of k.</summary>
        static abstract int Rows { get; }

        /// <summary>Columns of the C tile (NR): a whole number of SIMD vectors of B per step of k.</summary>
        static abstract int Columns { get; }

        /// <summary>
        /// tile = (accumulate ? tile : 0) + Σ_p a[p·Rows + i] · b[p·Columns + j] over p in [0, kc),
        /// with the tile's rows ldc floats apart. Each element is summed in order of p.
        /// </summary>
        static abstract unsafe void Run(int kc, float* a, float* b, float* c, int ldc, bool accumulate);
    }
}
