namespace Llm.Nn;

/// <summary>
/// GPT-2's masked multi-head self-attention: one Linear makes q, k and v together (c_attn), each
/// head attends only to earlier positions, and c_proj mixes the heads' outputs back together.
/// </summary>
public sealed class CausalSelfAttention : Module
{
    private readonly int heads;
    private readonly Dropout attnDropout;
    private readonly Dropout residDropout;

    public CausalSelfAttention(int embd, int heads, float dropout, Generator generator, ulong seed)
    {
        if (embd % heads != 0)
        {
            throw new ArgumentException($"The embedding size {embd} must be divisible by the number of heads {heads}.");
        }

        this.heads = heads;
        CAttn = RegisterModule("c_attn", new Linear(embd, 3 * embd, generator));
        CProj = RegisterModule("c_proj", new Linear(embd, embd, generator));
        attnDropout = RegisterModule("attn_dropout", new Dropout(dropout, seed));
        residDropout = RegisterModule("resid_dropout", new Dropout(dropout, seed + 1));
    }

    public Linear CAttn { get; }

    public Linear CProj { get; }

    /// <summary>When true, <see cref="LastWeights"/> keeps the attention weights of the last call (for plotting).</summary>
    public bool KeepWeights { get; set; }

    /// <summary>The attention weights [B, H, T, T] of the last Forward, when <see cref="KeepWeights"/> is on.</summary>
    public Tensor? LastWeights { get; private set; }

    /// <summary>x [B, T, C] → [B, T, C]. With a cache, x holds only the new tokens and attends to the cached ones too.</summary>
    public Tensor Forward(Tensor x, KvCache? cache = null, int layer = 0)
    {
        var qkv = CAttn.Forward(x);                         // (B, T, 3C)
        Tensor merged;                                      // (B, T, C)
        if (cache is null && !KeepWeights)
        {
            // The fused kernel reads q, k and v where c_attn wrote them and writes the heads side by
            // side: the same numbers as the steps below, without their copies or the [B, H, T, T]
            // weights; in training it drops the weights the steps below would drop.
            var (p, seed) = attnDropout.Draw();
            merged = Tensor.SelfAttention(qkv, heads, causal: true, p, seed);
            LastWeights = null;
        }
        else
        {
            var c = x.Size(2);
            var parts = qkv.Split(c, axis: 2);              // 3 × (B, T, C)
            var q = Attention.SplitHeads(parts[0], heads);  // (B, H, T, hs)
            var k = Attention.SplitHeads(parts[1], heads);  // (B, H, T, hs)
            var v = Attention.SplitHeads(parts[2], heads);  // (B, H, T, hs)
            if (cache is not null)
            {
                (k, v) = cache.Append(layer, k, v);         // (B, H, Tc+T, hs)
            }

            Tensor? weights = null;                         // (B, H, T, Tc+T) when wanted
            var y = KeepWeights
                ? Attention.ScaledDotProduct(q, k, v, causal: true, paddingMask: null, attnDropout, out weights)
                : Attention.Fused(q, k, v, causal: true, attnDropout); // (B, H, T, hs)
            LastWeights = KeepWeights ? weights!.Detach() : null;
            merged = Attention.MergeHeads(y);               // (B, T, C)
        }

        var projected = CProj.Forward(merged);              // (B, T, C)
        return residDropout.Forward(projected);
    }
}
