using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Llm.Kernels;

/// <summary>The 128-bit micro-kernel (NEON on Arm64, SSE on older x86): an 8×8 tile of C in 16 registers of 4 floats.</summary>
internal static partial class Gemm
{
    /// <summary>
    /// Sized for Arm64, where this kernel normally runs: NEON has 32 registers, and Apple's cores
    /// have four FMA pipes, which need 16 independent sums to stay busy. MultiplyAddEstimate is a
    /// single fused instruction on Arm64; on an x86 without FMA it becomes a multiply and an add
    /// instead of FusedMultiplyAdd's slow exact software emulation.
    /// </summary>
    internal readonly struct Vector128Kernel : IMicroKernel
    {
        public static int Rows => 8;

        public static int Columns => 8;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static unsafe void Run(int kc, float* a, float* b, float* c, int ldc, bool accumulate)
        {
            // One local per accumulator, not an array, so the JIT keeps each in a register.
            Vector128<float> c00 = default, c01 = default,
                c10 = default, c11 = default,
                c20 = default, c21 = default,
                c30 = default, c31 = default,
                c40 = default, c41 = default,
                c50 = default, c51 = default,
                c60 = default, c61 = default,
                c70 = default, c71 = default;
            for (var p = 0; p < kc; p++)
            {
                var b0 = Vector128.Load(b);
                var b1 = Vector128.Load(b + 4);
                var a0 = Vector128.Create(a[0]);
                c00 = Vector128.MultiplyAddEstimate(a0, b0, c00);
                c01 = Vector128.MultiplyAddEstimate(a0, b1, c01);
                var a1 = Vector128.Create(a[1]);
                c10 = Vector128.MultiplyAddEstimate(a1, b0, c10);
                c11 = Vector128.MultiplyAddEstimate(a1, b1, c11);
                var a2 = Vector128.Create(a[2]);
                c20 = Vector128.MultiplyAddEstimate(a2, b0, c20);
                c21 = Vector128.MultiplyAddEstimate(a2, b1, c21);
                var a3 = Vector128.Create(a[3]);
                c30 = Vector128.MultiplyAddEstimate(a3, b0, c30);
                c31 = Vector128.MultiplyAddEstimate(a3, b1, c31);
                var a4 = Vector128.Create(a[4]);
                c40 = Vector128.MultiplyAddEstimate(a4, b0, c40);
                c41 = Vector128.MultiplyAddEstimate(a4, b1, c41);
                var a5 = Vector128.Create(a[5]);
                c50 = Vector128.MultiplyAddEstimate(a5, b0, c50);
                c51 = Vector128.MultiplyAddEstimate(a5, b1, c51);
                var a6 = Vector128.Create(a[6]);
                c60 = Vector128.MultiplyAddEstimate(a6, b0, c60);
                c61 = Vector128.MultiplyAddEstimate(a6, b1, c61);
                var a7 = Vector128.Create(a[7]);
                c70 = Vector128.MultiplyAddEstimate(a7, b0, c70);
                c71 = Vector128.MultiplyAddEstimate(a7, b1, c71);
                a += 8;
                b += 8;
            }

            Store(c, c00, c01, accumulate);
            Store(c + ldc, c10, c11, accumulate);
            Store(c + (2 * ldc), c20, c21, accumulate);
            Store(c + (3 * ldc), c30, c31, accumulate);
            Store(c + (4 * ldc), c40, c41, accumulate);
            Store(c + (5 * ldc), c50, c51, accumulate);
            Store(c + (6 * ldc), c60, c61, accumulate);
            Store(c + (7 * ldc), c70, c71, accumulate);
        }

        private static unsafe void Store(float* c, Vector128<float> v0, Vector128<float> v1, bool accumulate)
        {
            if (accumulate)
            {
                v0 += Vector128.Load(c);
                v1 += Vector128.Load(c + 4);
            }

            v0.Store(c);
            v1.Store(c + 4);
        }
    }
}
