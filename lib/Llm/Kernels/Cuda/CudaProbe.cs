using System.Text;

namespace Llm.Kernels;

/// <summary>What the probe found: a usable GPU with its libraries, or the reason there is none.</summary>
internal sealed record CudaStatus(bool Usable, string? Reason)
{
    public string DeviceName { get; init; } = "";

    /// <summary>cuDriverGetVersion's number, e.g. 13000 for CUDA 13.0.</summary>
    public int DriverVersion { get; init; }

    public int ComputeMajor { get; init; }

    public int ComputeMinor { get; init; }

    public int Multiprocessors { get; init; }

    public long TotalMemory { get; init; }

    public string? NvrtcPath { get; init; }

    public string? CublasPath { get; init; }

    /// <summary>"NVIDIA H100 80GB HBM3, CUDA driver 13.0, compute capability 9.0, 132 SMs, 79.1 GiB".</summary>
    public string Summary =>
        $"{DeviceName}, CUDA driver {DriverVersion / 1000}.{DriverVersion % 1000 / 10}, compute capability {ComputeMajor}.{ComputeMinor}, {Multiprocessors} SMs, {TotalMemory / (1024.0 * 1024 * 1024):F1} GiB";
}

/// <summary>
/// Finds out, once per process, whether CUDA can be used: the driver library loads, cuInit
/// succeeds, there is a device, and NVRTC and cuBLAS load. It never throws; it compiles nothing.
/// </summary>
internal static class CudaProbe
{
    private static readonly Lazy<CudaStatus> Cached = new(() => Run(CudaSearchEnvironment.Current));

    /// <summary>The status of this machine (probed on first use).</summary>
    public static CudaStatus Current => Cached.Value;

    /// <summary>True once the probe has run (so describing the CPU does not load CUDA just to say why it is not used).</summary>
    public static bool HasRun => Cached.IsValueCreated;

    internal static CudaStatus Run(CudaSearchEnvironment env, int ordinal = 0)
    {
        if (!Environment.Is64BitProcess)
        {
            return new CudaStatus(false, "the CUDA backend needs a 64-bit process");
        }

        var driver = CudaLibraries.Load(CudaLibraryKind.Driver, env);
        if (!driver.Loaded)
        {
            return new CudaStatus(false, driver.Problem);
        }

        try
        {
            return Query(env, ordinal);
        }
        catch (EntryPointNotFoundException e)
        {
            return new CudaStatus(false, $"{driver.Path} is too old for this backend: {e.Message}");
        }
    }

    private static unsafe CudaStatus Query(CudaSearchEnvironment env, int ordinal)
    {
        var init = CudaDriver.cuInit(0);
        if (init != CuResult.Success)
        {
            var why = init == CuResult.NoDevice ? "the driver found no CUDA-capable GPU" : "the driver did not start";
            return new CudaStatus(false, $"cuInit failed, {why}: {CudaException.Describe(init)}");
        }

        CudaDriver.cuDriverGetVersion(out var version);
        CudaDriver.cuDeviceGetCount(out var count);
        if (count <= ordinal)
        {
            return new CudaStatus(false, count == 0 ? "the NVIDIA driver reports no GPU" : $"there is no GPU {ordinal}: the driver reports {count}");
        }

        CudaException.Check(CudaDriver.cuDeviceGet(out var device, ordinal), "cuDeviceGet");
        var name = stackalloc byte[256];
        CudaDriver.cuDeviceGetName(name, 256, device);
        CudaDriver.cuDeviceGetAttribute(out var major, CudaDriver.AttributeComputeCapabilityMajor, device);
        CudaDriver.cuDeviceGetAttribute(out var minor, CudaDriver.AttributeComputeCapabilityMinor, device);
        CudaDriver.cuDeviceGetAttribute(out var sms, CudaDriver.AttributeMultiprocessorCount, device);
        CudaDriver.cuDeviceTotalMem_v2(out var memory, device);
        var found = new CudaStatus(true, null)
        {
            DeviceName = Encoding.UTF8.GetString(new ReadOnlySpan<byte>(name, 256)).TrimEnd('\0').Split('\0')[0],
            DriverVersion = version,
            ComputeMajor = major,
            ComputeMinor = minor,
            Multiprocessors = sms,
            TotalMemory = (long)memory,
        };

        var nvrtc = CudaLibraries.Load(CudaLibraryKind.Nvrtc, env, version / 1000);
        if (!nvrtc.Loaded)
        {
            return found with { Usable = false, Reason = $"{found.DeviceName} found, but {nvrtc.Problem}" };
        }

        var cublas = CudaLibraries.Load(CudaLibraryKind.Cublas, env, version / 1000);
        if (!cublas.Loaded)
        {
            return found with { Usable = false, Reason = $"{found.DeviceName} found, but {cublas.Problem}" };
        }

        return found with { NvrtcPath = nvrtc.Path, CublasPath = cublas.Path };
    }
}
