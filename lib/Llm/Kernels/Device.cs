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
    public static Device Cpu => new(DeviceKind.Cpu);

    public static Device Cuda => new(DeviceKind.Cuda);

    /// <summary>The backend that runs the kernels for tensors on this device.</summary>
    internal IBackend Backend => BackendRegistry.For(this);

    public override string ToString() => Kind == DeviceKind.Cpu ? "cpu" : $"cuda:{Index}";
}
