using static Llm.Kernels.CudaException;

namespace Llm.Kernels;

/// <summary>
/// One GPU, set up for work: its primary context (CUDA Driver API, "Primary Context Management"),
/// one stream that every copy, kernel and GEMM goes to (so they run in the order they were issued),
/// the compiled kernels, a cuBLAS handle bound to the stream, and the memory pool.
/// </summary>
internal sealed unsafe class CudaContext
{
    // A context is current per host thread (Driver API, "Context Management"), and tests and
    // notebooks call from several threads: each thread makes it current before its first call.
    [ThreadStatic]
    private static nint currentOnThread;

    private readonly Dictionary<string, nint> functions = [];
    private readonly nint context;

    private CudaContext(CudaStatus status, int ordinal)
    {
        Status = status;
        Check(CudaDriver.cuDeviceGet(out var device, ordinal), "cuDeviceGet");
        Check(CudaDriver.cuDevicePrimaryCtxRetain(out context, device), "cuDevicePrimaryCtxRetain");
        MakeCurrent();

        // Flags 0 (CU_STREAM_DEFAULT): ordered with the legacy default stream too, in case a library uses it.
        Check(CudaDriver.cuStreamCreate(out var stream, 0), "cuStreamCreate");
        Stream = stream;

        var compiled = KernelCompiler.Compile(KernelSource.Assemble(), status.ComputeMajor, status.ComputeMinor);
        Target = compiled.Target;
        nint module;
        fixed (byte* image = compiled.Image)
        {
            Check(CudaDriver.cuModuleLoadData(out module, image), $"cuModuleLoadData ({compiled.Target})");
        }

        foreach (var name in KernelSource.Names)
        {
            Check(CudaDriver.cuModuleGetFunction(out var function, module, name), $"cuModuleGetFunction(\"{name}\")");
            functions[name] = function;
        }

        CheckCublas(Cublas.cublasCreate_v2(out var handle), "cublasCreate");
        CheckCublas(Cublas.cublasSetStream_v2(handle, Stream), "cublasSetStream");
        Blas = handle;
        Cublas.cublasGetVersion_v2(handle, out var blasVersion);
        BlasVersion = blasVersion;

        // Before allocating more, collect garbage once this much has been lent out since the last time.
        var collectAfter = Math.Clamp(status.TotalMemory / 32, 256L << 20, 4L << 30);
        Pool = new CudaMemoryPool(AllocateDevice, FreeDevice, Synchronize, collectAfter);
    }

    public CudaStatus Status { get; }

    public nint Stream { get; }

    /// <summary>The cuBLAS handle.</summary>
    public nint Blas { get; }

    public int BlasVersion { get; }

    /// <summary>What the kernels were compiled to, e.g. "sm_90 CUBIN (NVRTC 12.8)".</summary>
    public string Target { get; }

    public CudaMemoryPool Pool { get; }

    /// <summary>Sets up GPU <paramref name="ordinal"/>, or throws <see cref="CudaUnavailableException"/> saying what is missing.</summary>
    public static CudaContext Create(int ordinal)
    {
        var status = ordinal == 0 ? CudaProbe.Current : CudaProbe.Run(CudaSearchEnvironment.Current, ordinal);
        if (!status.Usable)
        {
            throw new CudaUnavailableException($"CUDA is not available: {status.Reason}");
        }

        return new CudaContext(status, ordinal);
    }

    /// <summary>Makes the context current on the calling thread (once per thread).</summary>
    public void MakeCurrent()
    {
        if (currentOnThread != context)
        {
            Check(CudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            currentOnThread = context;
        }
    }

    /// <summary>Queues a kernel on the stream: a grid of gridX × gridY blocks of <paramref name="block"/> threads.</summary>
    public void Launch(string kernel, uint gridX, uint gridY, uint block, ref KernelArgs args)
    {
        var parameters = stackalloc void*[Math.Max(1, args.Count)];
        fixed (ulong* slots = args.Values)
        {
            args.Pointers(slots, parameters);
            Check(CudaDriver.cuLaunchKernel(functions[kernel], gridX, gridY, 1, block, 1, 1, 0, Stream, parameters, null), $"cuLaunchKernel({kernel})");
        }
    }

    /// <summary>Waits until the GPU has finished everything queued on the stream.</summary>
    public void Synchronize() => Check(CudaDriver.cuStreamSynchronize(Stream), "cuStreamSynchronize");

    /// <summary>
    /// Copies host values into a block rented from the pool (give it back with Pool.Return once
    /// the kernels that read it are queued). From pageable memory the copy returns once the data is
    /// staged (Driver API, "API synchronization behavior"), so the array need not outlive the call.
    /// </summary>
    public ulong Upload<T>(ReadOnlySpan<T> values, out long bucket)
        where T : unmanaged
    {
        var bytes = (long)values.Length * sizeof(T);
        var pointer = Pool.Rent(bytes, out bucket);
        fixed (T* source = values)
        {
            Check(CudaDriver.cuMemcpyHtoDAsync_v2(pointer, source, (nuint)bytes, Stream), "cuMemcpyHtoDAsync");
        }

        return pointer;
    }

    private static ulong AllocateDevice(long bytes)
    {
        var result = CudaDriver.cuMemAlloc_v2(out var pointer, (nuint)bytes);
        if (result == CuResult.OutOfMemory)
        {
            return 0;
        }

        Check(result, "cuMemAlloc");
        return pointer;
    }

    private static void FreeDevice(ulong pointer) => Check(CudaDriver.cuMemFree_v2(pointer), "cuMemFree");
}
