namespace Llm.Kernels;

/// <summary>
/// Storage in GPU memory: a device address and a length in floats. The block comes from a
/// <see cref="CudaMemoryPool"/> and goes back to it when the garbage collector finalizes this object,
/// so tensors need no Dispose. The finalizer only queues the block; it never calls CUDA.
/// </summary>
internal sealed class CudaStorage(CudaMemoryPool pool, ulong pointer, long bucket, long length, Device device) : Storage
{
    /// <summary>The CUdeviceptr of element 0.</summary>
    public ulong Pointer { get; } = pointer;

    public override long Length { get; } = length;

    public override Device Device { get; } = device;

    /// <summary>The device address of element <paramref name="offset"/>.</summary>
    public ulong At(long offset) => Pointer + ((ulong)offset * sizeof(float));

    private int released;

    /// <summary>True once the block went back to the pool (its step ended, or autograd finished with it): using it now would read someone else's numbers.</summary>
    public bool Released => Volatile.Read(ref released) != 0;

    ~CudaStorage() => Release();

    /// <summary>
    /// Hands the block back before the garbage collector would (once). Safe while kernels queued
    /// earlier still read it, for the reason the pool gives: every kernel runs on one stream.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            GC.SuppressFinalize(this);
            pool.Return(Pointer, bucket);
        }
    }
}
