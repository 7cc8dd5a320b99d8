namespace Llm.Kernels;

/// <summary>
/// Softmax (or, with Log, log-softmax) over each row of Cols numbers. With Causal, rows are
/// [.., QueryLength, Cols] attention scores and entry j of query row i is masked (probability 0)
/// when j &gt; i + Cols − QueryLength: a query sees itself and what came before it.
/// </summary>
public readonly record struct SoftmaxArgs(Storage X, Storage Y, int Rows, int Cols, bool Causal, int QueryLength, bool Log) : IKernelArgs<SoftmaxArgs>
{
    public string Kernel => "Softmax";

    public KernelCost Cost => KernelCost.Elements(read: (long)Rows * Cols, written: (long)Rows * Cols);

    public static void Run(IBackend backend, in SoftmaxArgs args) => backend.Softmax(args);

    /// <summary>The backward of this call, from its output Y alone.</summary>
    public SoftmaxBackwardArgs Backward(Storage dy, Storage dx, bool accumulate) => new(Y, dy, dx, Rows, Cols, Log, accumulate);
}

/// <summary>
/// dx (+)= the gradient of softmax (or log-softmax) from its output y: dx = y·(dy − Σ dy·y), or
/// dx = dy − softmax·Σ dy for log-softmax. Masked entries (y = 0, or −∞ for log-softmax) get none.
/// </summary>
public readonly record struct SoftmaxBackwardArgs(Storage Y, Storage Dy, Storage Dx, int Rows, int Cols, bool Log, bool Accumulate) : IKernelArgs<SoftmaxBackwardArgs>
{
    public string Kernel => "SoftmaxBackward";

    public KernelCost Cost => KernelCost.Elements(read: (long)Rows * Cols * (Accumulate ? 3 : 2), written: (long)Rows * Cols);

    public static void Run(IBackend backend, in SoftmaxBackwardArgs args) => backend.SoftmaxBackward(args);
}
