namespace Llm.Kernels;

/// <summary>y = (mask != 0) ? value : x, for x [XShape] and a mask [MaskShape] that broadcasts to it.</summary>
public readonly record struct MaskedFillArgs(Storage X, int[] XShape, Storage Mask, int[] MaskShape, float Value, Storage Y) : IKernelArgs<MaskedFillArgs>
{
    public string Kernel => "MaskedFill";

    public KernelCost Cost => KernelCost.Elements(read: Shape.Numel(XShape) + Shape.Numel(MaskShape), written: Shape.Numel(XShape));

    public static void Run(IBackend backend, in MaskedFillArgs args) => backend.MaskedFill(args);

    /// <summary>The backward: the gradient passes where x passed, and is 0 where the value was put.</summary>
    public MaskedFillArgs Backward(Storage dy, Storage dx) => new(dy, XShape, Mask, MaskShape, 0f, dx);
}
