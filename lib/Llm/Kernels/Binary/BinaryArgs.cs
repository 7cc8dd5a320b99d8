namespace Llm.Kernels;

/// <summary>Element-wise operations of two tensors (with broadcasting).</summary>
public enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>c = a op b, where a [AShape] and b [BShape] broadcast to c [OutShape] (NumPy's rules).</summary>
public readonly record struct BinaryArgs(BinaryOp Op, Storage A, int[] AShape, Storage B, int[] BShape, Storage C, int[] OutShape) : IKernelArgs<BinaryArgs>
{
    public string Kernel => $"Binary {Op}";

    public KernelCost Cost => KernelCost.Elements(read: Shape.Numel(AShape) + Shape.Numel(BShape), written: Shape.Numel(OutShape));

    public static void Run(IBackend backend, in BinaryArgs args) => backend.Binary(args);
}

/// <summary>
/// Sums source [SourceShape] down to destination [DestinationShape]: every dimension where the
/// destination has 1, or none, is summed. It is broadcasting run backwards, so it gives the
/// gradient of an input that was broadcast. With Accumulate the sum is added to what is there.
/// </summary>
public readonly record struct SumToArgs(Storage Source, int[] SourceShape, Storage Destination, int[] DestinationShape, bool Accumulate) : IKernelArgs<SumToArgs>
{
    public string Kernel => "SumTo";

    public KernelCost Cost => KernelCost.Elements(read: Shape.Numel(SourceShape) + (Accumulate ? Shape.Numel(DestinationShape) : 0), written: Shape.Numel(DestinationShape));

    public static void Run(IBackend backend, in SumToArgs args) => backend.SumTo(args);
}
