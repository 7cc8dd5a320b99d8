namespace Llm.Kernels;

/// <summary>
/// One kernel parameter as <see cref="CudaBackend"/>'s launch helper takes it: a number, a
/// <see cref="Dims"/>, or a tensor's storage. A storage is passed to the kernel as the device
/// address of its first element (or of <see cref="At"/>'s offset) and is carried along, so the
/// launch can keep it alive until the kernel is queued. The C types each conversion stands for are
/// listed on <see cref="KernelArgs"/>.
/// </summary>
internal readonly struct KernelArg
{
    private KernelArg(ulong value, CudaStorage? storage = null)
    {
        Value = value;
        Storage = storage;
    }

    private KernelArg(in Dims dims)
    {
        Dims = dims;
        IsDims = true;
    }

    /// <summary>The storage whose address this is, or null for numbers and scratch blocks from the pool.</summary>
    public CudaStorage? Storage { get; }

    /// <summary>True when this parameter is a <see cref="Dims"/> (four 8-byte slots) rather than one 8-byte value.</summary>
    public bool IsDims { get; }

    /// <summary>The 8-byte value; a 4-byte int or float sits in its low half.</summary>
    public ulong Value { get; }

    /// <summary>The sizes or strides, when <see cref="IsDims"/>.</summary>
    public Dims Dims { get; }

    public static implicit operator KernelArg(int value) => new((uint)value);

    public static implicit operator KernelArg(uint value) => new(value);

    public static implicit operator KernelArg(long value) => new((ulong)value);

    /// <summary>A device pointer (a scratch block from the pool) or a 64-bit unsigned integer.</summary>
    public static implicit operator KernelArg(ulong value) => new(value);

    public static implicit operator KernelArg(float value) => new(BitConverter.SingleToUInt32Bits(value));

    public static implicit operator KernelArg(bool value) => new(value ? 1u : 0u);

    public static implicit operator KernelArg(Dims dims) => new(dims);

    /// <summary>The address of element 0 of a tensor's storage.</summary>
    public static implicit operator KernelArg(Storage storage) => At(storage, 0);

    /// <summary>The address of element <paramref name="offset"/> of a tensor's storage.</summary>
    public static KernelArg At(Storage storage, long offset)
    {
        var gpu = CudaBackend.Gpu(storage);
        return new(gpu.At(offset), gpu);
    }
}
