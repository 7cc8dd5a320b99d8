using Llm.Kernels;

namespace Llm.Tests.Cuda;

/// <summary>A test that needs a usable CUDA GPU; elsewhere it is skipped, and the skip says why (from the same probe as Device.Auto).</summary>
public sealed class GpuFactAttribute : FactAttribute
{
    public GpuFactAttribute()
    {
        if (GpuRequirement.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs a usable CUDA GPU, skipped with the reason elsewhere.</summary>
public sealed class GpuTheoryAttribute : TheoryAttribute
{
    public GpuTheoryAttribute()
    {
        if (GpuRequirement.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

internal static class GpuRequirement
{
    /// <summary>Null when CUDA is usable; otherwise "no usable CUDA GPU: …" with the probe's reason.</summary>
    public static string? SkipReason => CudaProbe.Current.Usable ? null : $"no usable CUDA GPU: {CudaProbe.Current.Reason}";
}
