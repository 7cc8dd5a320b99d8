using System.Runtime.CompilerServices;
namespace Llm.Kernels;

/// <summary>The fallback micro-kernel for machines (or runs) without SIMD: a 4×4 tile in plain floats.</summary>
internal static partial class Gemm
{
    /// <summary>
    /// Written as loops for clarity rather than speed: it only runs where .NET has no vector
    /// instructions (for instance with DOTNET_EnableHWIntrinsic=0), and it keeps the packing and
    /// blocking logic tested there too.
    /// </summary>
    internal readonly struct ScalarKernel : IMicroKernel
    {
        public static int Rows => 4;

        public static int Columns => 4;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static unsafe void Run(int kc, float* a, float* b, float* c, int ldc, bool accumulate)
        {
            Span<float> sum = stackalloc float[4 * 4];
            sum.Clear();
            for (var p = 0; p < kc; p++)
            {
                for (var i = 0; i < 4; i++)
                {
                    var aip = a[i];
                    for (var j = 0; j < 4; j++)
                    {
                        sum[(i * 4) + j] += aip * b[j];
                    }
                }

                a += 4;
                b += 4;
            }

            for (var i = 0; i < 4; i++)
            {
                for (var j = 0; j < 4; j++)
                {
                    var cij = c + (i * ldc) + j;
                    *cij = accumulate ? *cij + sum[(i * 4) + j] : sum[(i * 4) + j];
                }
            }
        }
    }
}
