using Llm.Kernels;

namespace Llm.Cli;

/// <summary>
/// What `llm train` says about where it trains. Most learners have no NVIDIA GPU (every CPU
/// Codespace, most laptops): for them "cpu, 2 threads; no NVIDIA GPU" is the whole story, and the
/// library's explanation of where libcuda.so.1 was looked for is noise. That explanation is what
/// someone needs whose NVIDIA GPU CUDA cannot use (no driver, no NVRTC or cuBLAS), so it is shown
/// when the machine has one (<see cref="NvidiaHardware"/>), or when asked for (--verbose).
/// </summary>
public static class DeviceLine
{
    public static string Describe(Device device, NvidiaHardware hardware, bool verbose) =>
        device.Kind == DeviceKind.Cpu && !verbose && hardware.Sign() is null
            ? $"cpu, {CpuParallel.Threads} threads; no NVIDIA GPU"
            : device.Describe();
}
