namespace Llm.Kernels;

/// <summary>Element-wise operations of one tensor; some take a scalar argument.</summary>
public enum UnaryOp
{
    AddScalar,   // y = x + s
    MulScalar,   // y = x * s
    PowScalar,   // y = x ^ s
    Relu,        // y = max(x, 0)
    Gelu,        // y = GELU(x), tanh form as in GPT-2
    Tanh,        // y = tanh(x)
    Exp,         // y = e^x
    Log,         // y = ln x
}

/// <summary>y = f(x) over N elements (y may be x), f one of <see cref="UnaryOp"/> with its scalar.</summary>
public readonly record struct UnaryArgs(UnaryOp Op, Storage X, Storage Y, long N, float Scalar) : IKernelArgs<UnaryArgs>
{
    public string Kernel => $"Unary {Op}";

    public KernelCost Cost => KernelCost.Elements(read: N, written: N);

    public static void Run(IBackend backend, in UnaryArgs args) => backend.Unary(args);

    /// <summary>The backward of this call: dx (+)= f'(x)·dy, reading the forward's input and output.</summary>
    public UnaryBackwardArgs Backward(Storage dy, Storage dx, bool accumulate) => new(Op, X, Y, dy, dx, N, Scalar, accumulate);
}

/// <summary>dx (+)= f'(x)·dy for a <see cref="UnaryOp"/>; <see cref="Y"/> is the forward's output, for derivatives cheaper from it (tanh, exp).</summary>
public readonly record struct UnaryBackwardArgs(UnaryOp Op, Storage X, Storage Y, Storage Dy, Storage Dx, long N, float Scalar, bool Accumulate) : IKernelArgs<UnaryBackwardArgs>
{
    public string Kernel => $"UnaryBackward {Op}";

    public KernelCost Cost => KernelCost.Elements(read: N * (Accumulate ? 3 : 2), written: N);

    public static void Run(IBackend backend, in UnaryBackwardArgs args) => backend.UnaryBackward(args);
}
