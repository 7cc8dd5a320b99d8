using System.Globalization;

namespace Llm.Kernels;

/// <summary>What the CPU's matrix multiply chose to run on this machine, for benchmarks and curious readers.</summary>
public static class MatMulKernelChoice
{
    /// <summary>
    /// The micro-kernel in use and, where there was a choice, the speeds it was chosen by:
    /// "512-bit (measured at first use: 512-bit 305 GFLOP/s, 256-bit 181 GFLOP/s)".
    /// </summary>
    public static string Describe()
    {
        var measured = Gemm.KernelChoice.Measured;
        return measured.Count == 0
            ? $"{Name(Gemm.KernelChoice.Chosen)} (the only one this machine runs in hardware)"
            : $"{Name(Gemm.KernelChoice.Chosen)} (measured at first use: {string.Join(", ", measured.Select(r => string.Create(CultureInfo.InvariantCulture, $"{Name(r.Kernel)} {r.GflopsPerSecond:F0} GFLOP/s")))})";
    }

    private static string Name(Gemm.Kernel kernel) => kernel switch
    {
        Gemm.Kernel.Vector512 => "512-bit",
        Gemm.Kernel.Vector256 => "256-bit",
        Gemm.Kernel.Vector128 => "128-bit",
        _ => "scalar",
    };
}
