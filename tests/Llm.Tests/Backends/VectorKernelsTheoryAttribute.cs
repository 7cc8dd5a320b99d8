using Llm.Kernels;

namespace Llm.Tests.Backends;

/// <summary>A theory comparing the vector kernels with each other: skipped, with the reason, on a machine that runs fewer than two of them in hardware (Arm64 has only the 128-bit one).</summary>
public sealed class VectorKernelsTheoryAttribute : TheoryAttribute
{
    public VectorKernelsTheoryAttribute()
    {
        if (Kernels.Count < 2)
        {
            Skip = $"this machine runs {(Kernels.Count == 0 ? "no vector kernel" : $"only {Kernels[0]}")} in hardware: nothing to compare";
        }
    }

    /// <summary>The vector kernels this machine runs in hardware, widest first.</summary>
    internal static IReadOnlyList<Gemm.Kernel> Kernels => Gemm.VectorKernels;
}
