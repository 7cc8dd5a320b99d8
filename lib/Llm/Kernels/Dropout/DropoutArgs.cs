namespace Llm.Kernels;

/// <summary>
/// y (+)= x·keep / (1 − P) over N elements, where element i is kept when <see cref="CounterHash"/> of
/// (Seed, i) is at least P·2³²: the mask is never stored, the backward draws it again from the seed.
/// </summary>
public readonly record struct DropoutArgs(Storage X, Storage Y, long N, float P, ulong Seed, bool Accumulate) : IKernelArgs<DropoutArgs>
{
    public string Kernel => "Dropout";

    public KernelCost Cost => KernelCost.Elements(read: N * (Accumulate ? 2 : 1), written: N);

    public static void Run(IBackend backend, in DropoutArgs args) => backend.Dropout(args);

    /// <summary>The hash at or above which an element is kept: P·2³², so that a share 1 − P of the 2³² values pass.</summary>
    public static uint Threshold(float p) => (uint)Math.Min(uint.MaxValue, p * 4294967296.0);

    /// <summary>The backward is the same dropout of the gradient, with the same seed, so the same elements pass.</summary>
    public DropoutArgs Backward(Storage dy, Storage dx, bool accumulate) => new(dy, dx, N, P, Seed, accumulate);
}
