namespace Llm.Kernels;

/// <summary>
/// The work of one or more kernel calls, counted from their sizes rather than timed, so it is the
/// same on every machine and every run: multiply-adds of the matrix products (the arithmetic that
/// dominates a Transformer; the other kernels do a few operations per element and show up in
/// their bytes), and bytes read from and written to memory (float32: 4 bytes per element).
/// </summary>
public readonly record struct KernelCost(long MultiplyAdds, long BytesRead, long BytesWritten)
{
    /// <summary>The cost of a kernel that reads and writes float32 elements and does no matrix product.</summary>
    public static KernelCost Elements(long read, long written) => new(0, sizeof(float) * read, sizeof(float) * written);

    public static KernelCost operator +(KernelCost a, KernelCost b) =>
        new(a.MultiplyAdds + b.MultiplyAdds, a.BytesRead + b.BytesRead, a.BytesWritten + b.BytesWritten);
}

/// <summary>One kernel's calls and their summed cost.</summary>
public sealed record KernelCount(string Kernel, long Calls, KernelCost Cost);
