using Llm.Kernels;

namespace Llm;

/// <summary>Choosing a device: <see cref="Auto"/> takes the GPU when CUDA is usable here, else the CPU.</summary>
public readonly partial record struct Device
{
    /// <summary>
    /// <see cref="Cuda"/> when an NVIDIA GPU, its driver, NVRTC and cuBLAS are all present; otherwise
    /// <see cref="Cpu"/>. <c>Device.Auto.Describe()</c> says which was chosen, and why not CUDA.
    /// </summary>
    public static Device Auto => CudaProbe.Current.Usable ? Cuda : Cpu;

    /// <summary>
    /// One line about the device, e.g. "cuda:0 — NVIDIA H100 80GB HBM3, CUDA driver 13.0, …" or
    /// "cpu — 16 threads (no CUDA: libcuda.so.1 … not found in …)".
    /// </summary>
    public string Describe()
    {
        if (Kind == DeviceKind.Cuda)
        {
            var status = CudaProbe.Current;
            return status.Usable ? $"{this} — {status.Summary}" : $"{this} — not usable: {status.Reason}";
        }

        var cpu = $"cpu — {CpuParallel.Threads} threads";
        return CudaProbe.HasRun && !CudaProbe.Current.Usable ? $"{cpu} (no CUDA: {CudaProbe.Current.Reason})" : cpu;
    }
}
