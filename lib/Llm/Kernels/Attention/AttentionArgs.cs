using System.Runtime.Intrinsics;

namespace Llm.Kernels;

/// <summary>
/// Where the rows of the heads of a batch sit in a storage: element d of row t of head h of batch b
/// is at Offset + b·BatchStride + h·HeadStride + t·RowStride + d. A [B, H, T, hs] tensor has the
/// <see cref="Contiguous"/> layout; the q, k and v inside c_attn's [B, T, 3C] output are read in
/// place with RowStride 3C and HeadStride hs, so nothing is split, transposed or merged.
/// </summary>
public readonly record struct HeadLayout(Storage Data, long Offset, long BatchStride, long HeadStride, int RowStride)
{
    /// <summary>Where row <paramref name="t"/> of head <paramref name="h"/> of batch <paramref name="b"/> starts.</summary>
    public long Row(int b, int h, int t) => Offset + (b * BatchStride) + (h * HeadStride) + ((long)t * RowStride);

    /// <summary>[Batch, Heads, Rows, HeadSize], row after row.</summary>
    public static HeadLayout Contiguous(Storage data, int heads, int rows, int headSize) =>
        new(data, 0, (long)heads * rows * headSize, (long)rows * headSize, headSize);

    /// <summary>Part <paramref name="part"/> of a [B, T, parts·H·hs] tensor (c_attn's q, k, v side by side), head h in channels h·hs … h·hs + hs − 1.</summary>
    public static HeadLayout Interleaved(Storage data, int part, int parts, int heads, int rows, int headSize) =>
        new(data, (long)part * heads * headSize, (long)rows * parts * heads * headSize, headSize, parts * heads * headSize);

    /// <summary>The same layout over another storage (a gradient shaped like this operand).</summary>
    public HeadLayout Over(Storage data) => this with { Data = data };
}

/// <summary>
/// Scaled dot-product attention in one kernel (FlashAttention, Dao et al. 2022): O = softmax(Scale·Q·Kᵀ)·V
/// for each of Batch × Heads heads, Q [Tq, HeadSize] and K, V [Tk, HeadSize], without the Tq×Tk
/// matrix of scores ever existing whole: keys are taken a block at a time and the softmax is kept
/// up to date as they come ("online softmax"). With Causal, query i sees keys j ≤ i + Tk − Tq.
/// It saves each query row's log-sum-exp of the scores ([Batch, Heads, Tq]), which is all the
/// backward needs to recompute any block of probabilities: P = exp(S − L). With DropoutP above 0
/// (training), each weight is dropped with that probability and the kept ones scaled by 1/(1 − P)
/// before they weigh the values: O = (P∘M)·V, the mask M drawn from DropoutSeed (see <see cref="DropoutScales"/>).
/// </summary>
public readonly record struct AttentionArgs(HeadLayout Q, HeadLayout K, HeadLayout V, HeadLayout O, Storage LogSumExp, int Batch, int Heads, int Tq, int Tk, int HeadSize, float Scale, bool Causal, float DropoutP = 0f, ulong DropoutSeed = 0) : IKernelArgs<AttentionArgs>
{
    public string Kernel => "Attention";

    /// <summary>
    /// What the weights of query i of head h of batch b against keys firstKey, firstKey + 1, … are
    /// multiplied by after the softmax, one per element of <paramref name="scales"/>: 0 where dropout
    /// drops the weight, 1/(1 − P) where it keeps it. Weight (b, h, i, j) is kept when
    /// <see cref="CounterHash"/> of (DropoutSeed, its index in the [Batch, Heads, Tq, Tk] weights) is at
    /// least P·2³² — the mask <see cref="DropoutArgs"/> draws with that seed over those weights written
    /// out, so the fused kernel drops what the composed attention would. Never stored: the backward
    /// draws it again.
    /// </summary>
    public void DropoutScales(int b, int h, int i, int firstKey, Span<float> scales)
    {
        var (threshold, kept) = (DropoutArgs.Threshold(DropoutP), 1f / (1f - DropoutP));
        var index = ((((((long)b * Heads) + h) * Tq) + i) * Tk) + firstKey;
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= scales.Length; j += 16)
            {
                var mask = CounterHash.KeptMask16(DropoutSeed, (ulong)(index + j), threshold);
                Vector512.ConditionalSelect(mask, Vector512.Create(kept), Vector512<float>.Zero).CopyTo(scales[j..]);
            }
        }

        for (; j < scales.Length; j++)
        {
            scales[j] = CounterHash.Bits(DropoutSeed, (ulong)(index + j)) >= threshold ? kept : 0f;
        }
    }

    /// <summary>
    /// Two products of Tq·Tk·HeadSize multiply-adds per head, counted as the composed operations
    /// count them: every query against every key (the CPU kernel skips the key blocks a causal mask
    /// hides whole, so it does somewhat less); the inputs read once, the output and L written once.
    /// </summary>
    public KernelCost Cost => new(2L * Heads * Batch * Tq * Tk * HeadSize, sizeof(float) * (long)Heads * Batch * (Tq + (2L * Tk)) * HeadSize, sizeof(float) * (long)Heads * Batch * Tq * (HeadSize + 1));

    public static void Run(IBackend backend, in AttentionArgs args) => backend.Attention(args);

    /// <summary>The backward of this call: the gradients of Q, K and V (each may be null, each laid out as its input), added to what they hold.</summary>
    public AttentionBackwardArgs Backward(Storage dO, Storage? dQ, Storage? dK, Storage? dV) => new(this, dO, dQ, dK, dV);
}

/// <summary>
/// The gradients of <see cref="AttentionArgs"/>, added into DQ, DK and DV (any may be null; each laid
/// out as Q, K and V are, and dO as O is), recomputing each block of probabilities from the saved
/// log-sum-exp. With S = Scale·Q·Kᵀ, P = softmax(S) and the forward's dropout scales M (all 1
/// without dropout): dV = (P∘M)ᵀ·dO; dP = M∘(dO·Vᵀ); dS = P∘(dP − D) with D = rowsum(dO∘O)
/// (= rowsum(P∘dP), dropout or not); dQ = Scale·dS·K; dK = Scale·dSᵀ·Q.
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
            var heads = (long)f.Batch * f.Heads;
            var io = heads * ((3L * f.Tq) + (4L * f.Tk)) * f.HeadSize;
            return new(5L * heads * f.Tq * f.Tk * f.HeadSize, sizeof(float) * io, sizeof(float) * heads * (f.Tq + (2L * f.Tk)) * f.HeadSize);
        }
    }

    public static void Run(IBackend backend, in AttentionBackwardArgs args) => backend.AttentionBackward(args);
}
