namespace Llm.Kernels;

/// <summary>storage[offset .. offset + count) = value.</summary>
public readonly record struct FillArgs(Storage Target, long Offset, long Count, float Value) : IKernelArgs<FillArgs>
{
    public string Kernel => "Fill";

    public KernelCost Cost => KernelCost.Elements(read: 0, written: Count);

    public static void Run(IBackend backend, in FillArgs args) => backend.Fill(args);
}

/// <summary>
/// Copies (or, with <see cref="Accumulate"/>, adds) <see cref="Rows"/> blocks of <see cref="Cols"/>
/// floats between strided positions: destination[dOffset + r·dStride + j] (+)= source[sOffset + r·sStride + j].
/// Split, concatenate and slices are all this one kernel.
/// </summary>
public readonly record struct CopyBlocksArgs(
    Storage Source, long SourceOffset, long SourceStride,
    Storage Destination, long DestinationOffset, long DestinationStride,
    int Rows, long Cols, bool Accumulate = false) : IKernelArgs<CopyBlocksArgs>
{
    public string Kernel => "CopyBlocks";

    public KernelCost Cost => KernelCost.Elements(read: Rows * Cols * (Accumulate ? 2 : 1), written: Rows * Cols);

    public static void Run(IBackend backend, in CopyBlocksArgs args) => backend.CopyBlocks(args);

    /// <summary>A plain copy of <paramref name="count"/> contiguous floats.</summary>
    public static CopyBlocksArgs Contiguous(Storage source, Storage destination, long count) => new(source, 0, 0, destination, 0, 0, 1, count);
}

/// <summary>
/// Swaps axes d1 and d2 of a tensor viewed as [outer, d1, mid, d2, inner] (source) into
/// [outer, d2, mid, d1, inner] (destination). Its backward is the same swap of the gradient.
/// </summary>
public readonly record struct TransposeArgs(Storage Source, Storage Destination, int Outer, int D1, int Mid, int D2, int Inner) : IKernelArgs<TransposeArgs>
{
    public string Kernel => "Transpose";

    public KernelCost Cost => KernelCost.Elements(read: Elements, written: Elements);

    private long Elements => (long)Outer * D1 * Mid * D2 * Inner;

    public static void Run(IBackend backend, in TransposeArgs args) => backend.Transpose(args);

    /// <summary>dx = the gradient swapped back: the same transpose read the other way.</summary>
    public TransposeArgs Backward(Storage dy, Storage dx) => new(dy, dx, Outer, D2, Mid, D1, Inner);
}
