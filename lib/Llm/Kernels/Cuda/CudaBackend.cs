using static Llm.Kernels.CudaException;

namespace Llm.Kernels;

/// <summary>
/// The CUDA backend: the primitives of <see cref="IBackend"/> as kernels compiled at start-up
/// (Kernels/*.cu.cs), matrix products through cuBLAS, memory from a caching pool. Work is queued on
/// one stream and runs asynchronously; only copies to the host wait for it. The CPU backend is the
/// reference: every kernel follows its formulas. Split by concern over the CudaBackend.*.cs files.
/// </summary>
internal sealed partial class CudaBackend : IBackend
{
    private static readonly Dictionary<int, CudaBackend> Instances = [];

    // One caller at a time: the stream orders the GPU's work, this orders the host calls that queue it.
    private readonly Lock gate = new();
    private readonly CudaContext cuda;

    private CudaBackend(CudaContext cuda, Device device)
    {
        this.cuda = cuda;
        Device = device;
    }

    public Device Device { get; }

    /// <summary>The GPU, the driver and what the kernels were compiled to, in one line.</summary>
    public string Description => $"{cuda.Status.Summary}; kernels {cuda.Target}; cuBLAS {cuda.BlasVersion}";

    /// <summary>The memory pool, for reports (reserved and peak bytes, collections).</summary>
    internal CudaMemoryPool Pool => cuda.Pool;

    /// <summary>Frees the memory cached for reuse (what is still in use stays): between workloads, or before measuring.</summary>
    public void ReleaseCachedMemory()
    {
        using var scope = Enter();
        cuda.Pool.ReleaseCached();
    }

    /// <summary>
    /// The backend of a CUDA device, started on its first use (<see cref="Device.Backend"/>). Two threads
    /// may get there at once; both must get the same backend, or tensors would live in two pools
    /// and run on two streams that do not wait for each other.
    /// </summary>
    public static IBackend For(Device device)
    {
        lock (Instances)
        {
            if (!Instances.TryGetValue(device.Index, out var backend))
            {
                backend = new CudaBackend(CudaContext.Create(device.Index), device);
                Instances[device.Index] = backend;
            }

            return backend;
        }
    }

    public Storage Allocate(long length, IStepMemory? step = null)
    {
        using var scope = Enter();
        var storage = NewStorage(length);
        (step as CudaStepMemory)?.Add(storage);
        return storage;
    }

    public void Release(Storage storage) => ((CudaStorage)storage).Release();

    public unsafe Storage FromArray(float[] values)
    {
        using var scope = Enter();
        var storage = NewStorage(values.LongLength);
        if (values.Length == 0)
        {
            return storage;
        }

        fixed (float* source = values)
        {
            Check(CudaDriver.cuMemcpyHtoDAsync_v2(storage.Pointer, source, (nuint)(values.LongLength * sizeof(float)), cuda.Stream), "cuMemcpyHtoDAsync");
        }

        return storage;
    }

    public unsafe void CopyToArray(Storage source, long offset, Span<float> destination)
    {
        if (destination.IsEmpty)
        {
            return;
        }

        using var scope = Enter();
        fixed (float* target = destination)
        {
            Check(CudaDriver.cuMemcpyDtoHAsync_v2(target, Gpu(source).At(offset), (nuint)((long)destination.Length * sizeof(float)), cuda.Stream), "cuMemcpyDtoHAsync");
            cuda.Synchronize();
        }
    }

    /// <summary>
    /// The CUDA storage behind <paramref name="storage"/>, checked. Kernels take storages as a
    /// <see cref="KernelArg"/>, not as bare addresses, so that <see cref="Launch"/> can keep each
    /// alive until the kernel that reads it is queued.
    /// </summary>
    internal static CudaStorage Gpu(Storage storage)
    {
        var gpu = storage as CudaStorage
            ?? throw new InvalidOperationException($"The CUDA backend was handed storage on {storage.Device}; move the tensor with .To(Device.Cuda) first.");
        return gpu.Released
            ? throw new InvalidOperationException("This tensor was made inside a training step (Tensor.Step()) that has ended, and its memory now belongs to later steps. Keep plain numbers from inside a step (loss.Item(), ToArray()), or make the tensor before the step starts.")
            : gpu;
    }

    private CudaStorage NewStorage(long length)
    {
        var pointer = cuda.Pool.Rent(Math.Max(1, length) * sizeof(float), out var bucket);
        return new CudaStorage(cuda.Pool, pointer, bucket, length, Device);
    }

    /// <summary>Takes the lock and makes the context current on this thread; dispose to release.</summary>
    private Lock.Scope Enter()
    {
        var scope = gate.EnterScope();
        try
        {
            cuda.MakeCurrent();
        }
        catch
        {
            scope.Dispose();
            throw;
        }

        return scope;
    }

    private static void RequireInt32(long n, string op)
    {
        if (n > int.MaxValue)
        {
            throw new NotSupportedException($"{op}: the CUDA kernels index at most {int.MaxValue} elements with 32-bit integers; this tensor has {n}.");
        }
    }
}
