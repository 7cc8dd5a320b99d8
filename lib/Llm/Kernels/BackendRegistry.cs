
namespace Llm.Kernels;

/// <summary>Finds the backend for a device. CUDA registers itself here when it loads.</summary>
public static class BackendRegistry
{
    private static readonly IBackend CpuBackendInstance = new CpuBackend();

    // Only the thread that started profiling goes through the profiler: work of other threads
    // (another test, a second model) stays out of its figures.
    [ThreadStatic]
    private static IBackend? cpuProfiler;

    private static Func<Device, IBackend>? cudaFactory;
    private static IBackend? cuda;

    /// <summary>How many threads the CPU kernels use (LLM_THREADS, else every core).</summary>
    public static int CpuThreads => CpuParallel.Threads;

    public static IBackend For(Device device)
    {
        if (device.Kind == DeviceKind.Cpu)
        {
            return cpuProfiler ?? CpuBackendInstance;
        }

        if (cuda is null)
        {
            if (cudaFactory is null)
            {
                throw new InvalidOperationException("No CUDA backend is loaded: use Device.Cpu, or run on a machine with an NVIDIA GPU and its libraries.");
            }

            cuda = cudaFactory(device);
        }

        return cuda;
    }

    /// <summary>Sends this thread's CPU work through <paramref name="profiler"/> (which passes it on) until the scope is disposed.</summary>
    internal static IDisposable ProfileCpu(IBackend profiler)
    {
        cpuProfiler = profiler;
        return new ProfileScope();
    }

    /// <summary>A step on every backend in use: the CPU's, and the GPU's once it has started (see <see cref="Tensor.Step"/>).</summary>
    internal static IDisposable BeginStep()
    {
        var cpuStep = CpuBackendInstance.BeginStep();
        var gpuStep = cuda?.BeginStep();
        return new Steps(cpuStep, gpuStep);
    }

    /// <summary>Installs the factory that creates the CUDA backend on first use.</summary>
    public static void RegisterCuda(Func<Device, IBackend> factory) => cudaFactory = factory;

    private sealed class Steps(IDisposable cpu, IDisposable? gpu) : IDisposable
    {
        public void Dispose()
        {
            gpu?.Dispose();
            cpu.Dispose();
        }
    }

    private sealed class ProfileScope : IDisposable
    {
        public void Dispose() => cpuProfiler = null;
    }
}
