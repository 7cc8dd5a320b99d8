namespace Llm.Kernels;

/// <summary>
/// y (+)= x·keep / (1 − P) over N elements, where element i is kept when a counter-based hash of
/// (Seed, i) is at least P·2³²: the mask is never stored, the backward draws it again from the seed.
/// </summary>
public readonly record struct DropoutArgs(Storage X, Storage Y, long N, float P, ulong Seed, bool Accumulate) : IKernelArgs<DropoutArgs>
{
    public string Kernel => "Dropout";

    public KernelCost Cost => KernelCost.Elements(read: N * (Accumulate ? 2 : 1), written: N);

    public static void Run(IBackend backend, in DropoutArgs args) => backend.Dropout(args);

    /// <summary>The backward is the same dropout of the gradient, with the same seed, so the same elements pass.</summary>
    public DropoutArgs Backward(Storage dy, Storage dx, bool accumulate) => new(dy, dx, N, P, Seed, accumulate);

    /// <summary>The 32 random bits of element <paramref name="index"/> (SplitMix64's finalizer): the same on every thread and device.</summary>
    public static uint Bits(ulong seed, ulong index)
    {
        var z = seed + ((index + 1) * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (uint)((z ^ (z >> 31)) >> 32);
    }
}
