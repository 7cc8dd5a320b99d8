using Llm.Kernels;

namespace Llm;

/// <summary>Where a tensor's numbers live.</summary>
public enum DeviceKind
{
    Cpu,
    Cuda,
}

/// <summary>A device, as in PyTorch: <c>Device.Cpu</c> or <c>Device.Cuda</c>.</summary>
public readonly partial record struct Device(DeviceKind Kind, int Index = 0)
{
    private static readonly CpuBackend CpuKernels = new();

    public static Device Cpu => new(DeviceKind.Cpu);

    public static Device Cuda => new(DeviceKind.Cuda);

    /// <summary>
    /// The backend that runs the kernels for tensors on this device. The CUDA backend starts (finds
    /// the libraries, compiles the kernels) on the first use of a CUDA device, and only then.
    /// </summary>
    internal IBackend Backend => Kind == DeviceKind.Cpu ? CpuKernels : CudaBackend.For(this);

    public override string ToString() => Kind == DeviceKind.Cpu ? "cpu" : $"cuda:{Index}";
}
