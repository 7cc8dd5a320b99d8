using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Llm.Kernels;

/// <summary>The AVX2 micro-kernel: a 6×16 tile of C held in 12 registers of 8 floats.</summary>
internal static partial class Gemm
{
    /// <summary>
    /// AVX2 has only 16 vector registers: 12 accumulators + 2 vectors of B + 1 broadcast of A
    /// use 15 of them, the classic shape of BLIS and OpenBLAS on such machines. (.NET only reports
    /// Vector256 as accelerated with AVX2, which comes with FMA, so FusedMultiplyAdd is one
    /// instruction here.)
    /// </summary>
    internal readonly struct Vector256Kernel : IMicroKernel
    {
        public static int Rows => 6;

        public static int Columns => 16;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static unsafe void Run(int kc, float* a, float* b, float* c, int ldc, bool accumulate)
        {
            // One local per accumulator, not an array, so the JIT keeps each in a register.
            Vector256<float> c00 = default, c01 = default,
                c10 = default, c11 = default,
                c20 = default, c21 = default,
                c30 = default, c31 = default,
                c40 = default, c41 = default,
                c50 = default, c51 = default;
            for (var p = 0; p < kc; p++)
            {
                var b0 = Vector256.Load(b);
                var b1 = Vector256.Load(b + 8);
                var a0 = Vector256.Create(a[0]);
                c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
                c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
                var a1 = Vector256.Create(a[1]);
                c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
                c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
                var a2 = Vector256.Create(a[2]);
                c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
                c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
                var a3 = Vector256.Create(a[3]);
                c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
                c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
                var a4 = Vector256.Create(a[4]);
                c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
                c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
                var a5 = Vector256.Create(a[5]);
                c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
                c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
                a += 6;
                b += 16;
            }

            Store(c, c00, c01, accumulate);
            Store(c + ldc, c10, c11, accumulate);
            Store(c + (2 * ldc), c20, c21, accumulate);
            Store(c + (3 * ldc), c30, c31, accumulate);
            Store(c + (4 * ldc), c40, c41, accumulate);
            Store(c + (5 * ldc), c50, c51, accumulate);
        }

        private static unsafe void Store(float* c, Vector256<float> v0, Vector256<float> v1, bool accumulate)
        {
            if (accumulate)
            {
                v0 += Vector256.Load(c);
                v1 += Vector256.Load(c + 8);
            }

            v0.Store(c);
            v1.Store(c + 8);
        }
    }
}
