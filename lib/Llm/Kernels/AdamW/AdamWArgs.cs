namespace Llm.Kernels;

/// <summary>
/// One AdamW update of N parameters (Loshchilov &amp; Hutter 2019), as torch.optim.AdamW:
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p·(1 − lr·λ) − lr·m̂/(√v̂ + ε), with the moments'
/// bias corrected for Step (the count of updates so far, from 1).
/// </summary>
public readonly record struct AdamWArgs(Storage Param, Storage Grad, Storage M, Storage V, long N, float LearningRate, float Beta1, float Beta2, float Eps, float WeightDecay, int Step) : IKernelArgs<AdamWArgs>
{
    public string Kernel => "AdamW";

    public KernelCost Cost => KernelCost.Elements(read: 4 * N, written: 3 * N);

    public static void Run(IBackend backend, in AdamWArgs args) => backend.AdamW(args);
}
