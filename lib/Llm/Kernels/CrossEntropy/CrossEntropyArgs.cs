namespace Llm.Kernels;

/// <summary>
/// Per-row loss = logsumexp(logits) − logits[target] over Rows rows of Vocab logits; a row whose
/// target is IgnoreIndex gives 0. Saves logsumexp per row for the backward.
/// </summary>
public readonly record struct CrossEntropyArgs(Storage Logits, int[] Targets, Storage Losses, Storage LogSumExp, int Rows, int Vocab, int IgnoreIndex) : IKernelArgs<CrossEntropyArgs>
{
    public string Kernel => "CrossEntropy";

    public KernelCost Cost => KernelCost.Elements(read: ((long)Rows * Vocab) + Rows, written: 2L * Rows);

    public static void Run(IBackend backend, in CrossEntropyArgs args) => backend.CrossEntropy(args);

    /// <summary>The backward of this call: dlogits (+)= scale·(softmax(logits) − onehot(target)).</summary>
    public CrossEntropyBackwardArgs Backward(Storage dlogits, float scale, bool accumulate) => new(Logits, LogSumExp, Targets, dlogits, Rows, Vocab, IgnoreIndex, scale, accumulate);
}

/// <summary>dlogits (+)= Scale·(softmax(logits) − onehot(target)), zero on ignored rows; softmax comes from the saved logsumexp.</summary>
public readonly record struct CrossEntropyBackwardArgs(Storage Logits, Storage LogSumExp, int[] Targets, Storage DLogits, int Rows, int Vocab, int IgnoreIndex, float Scale, bool Accumulate) : IKernelArgs<CrossEntropyBackwardArgs>
{
    public string Kernel => "CrossEntropyBackward";

    public KernelCost Cost => KernelCost.Elements(read: ((long)Rows * Vocab * (Accumulate ? 2 : 1)) + (2L * Rows), written: (long)Rows * Vocab);

    public static void Run(IBackend backend, in CrossEntropyBackwardArgs args) => backend.CrossEntropyBackward(args);
}
