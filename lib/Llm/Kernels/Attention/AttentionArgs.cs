namespace Llm.Kernels;

/// <summary>
/// Scaled dot-product attention in one kernel (FlashAttention, Dao et al. 2022): O = softmax(Scale·Q·Kᵀ)·V
/// for each of Batch (B·H) heads, Q [Tq, HeadSize] and K, V [Tk, HeadSize], without the Tq×Tk
/// matrix of scores ever existing whole: keys are taken a block at a time and the softmax is kept
/// up to date as they come ("online softmax"). With Causal, query i sees keys j ≤ i + Tk − Tq.
/// It saves each query row's log-sum-exp of the scores, which is all the backward needs to
/// recompute any block of probabilities: P = exp(S − L).
/// </summary>
public readonly record struct AttentionArgs(Storage Q, Storage K, Storage V, Storage O, Storage LogSumExp, int Batch, int Tq, int Tk, int HeadSize, float Scale, bool Causal) : IKernelArgs<AttentionArgs>
{
    public string Kernel => "Attention";

    /// <summary>
    /// Two products of Tq·Tk·HeadSize multiply-adds per head, counted as the composed operations
    /// count them: every query against every key (the CPU kernel skips the key blocks a causal mask
    /// hides whole, so it does somewhat less); the inputs read once, the output and L written once.
    /// </summary>
    public KernelCost Cost => new(2L * Batch * Tq * Tk * HeadSize, sizeof(float) * (long)Batch * (Tq + (2L * Tk)) * HeadSize, sizeof(float) * (long)Batch * Tq * (HeadSize + 1));

    public static void Run(IBackend backend, in AttentionArgs args) => backend.Attention(args);

    /// <summary>The backward of this call: the gradients of Q, K and V (each may be null), added to what they hold.</summary>
    public AttentionBackwardArgs Backward(Storage dO, Storage? dQ, Storage? dK, Storage? dV) => new(this, dO, dQ, dK, dV);
}

/// <summary>
/// The gradients of <see cref="AttentionArgs"/>, added into DQ, DK and DV (any may be null), recomputing
/// each block of probabilities from the saved log-sum-exp. With S = Scale·Q·Kᵀ, P = softmax(S):
/// dV = Pᵀ·dO; dP = dO·Vᵀ; dS = P∘(dP − D) with D = rowsum(dO∘O); dQ = Scale·dS·K; dK = Scale·dSᵀ·Q.
/// </summary>
public readonly record struct AttentionBackwardArgs(AttentionArgs Forward, Storage DO, Storage? DQ, Storage? DK, Storage? DV) : IKernelArgs<AttentionBackwardArgs>
{
    public string Kernel => "AttentionBackward";

    /// <summary>Five products of the forward's size (the scores again, dV, dP, dQ, dK), counted as the forward's are.</summary>
    public KernelCost Cost
    {
        get
        {
            var f = Forward;
            var io = (long)f.Batch * ((3L * f.Tq) + (4L * f.Tk)) * f.HeadSize;
            return new(5L * f.Batch * f.Tq * f.Tk * f.HeadSize, sizeof(float) * io, sizeof(float) * (long)f.Batch * (f.Tq + (2L * f.Tk)) * f.HeadSize);
        }
    }

    public static void Run(IBackend backend, in AttentionBackwardArgs args) => backend.AttentionBackward(args);
}
