using Llm.Nn;

namespace Llm.Models;

/// <summary>Encoder layer: bidirectional self-attention, then feed-forward, each wrapped in a residual connection and LayerNorm.</summary>
public sealed class EncoderLayer : Module
{
    private readonly bool normFirst;

    public EncoderLayer(TransformerConfig config, Generator generator, ulong seed)
    {
        normFirst = config.NormFirst;
        SelfAttn = RegisterModule("self_attn", new MultiHeadAttention(config.Embd, config.Heads, config.Dropout, generator, seed));
        Norm1 = RegisterModule("norm1", new LayerNorm(config.Embd));
        Ff = RegisterModule("ff", new FeedForward(config.Embd, config.Dropout, generator, seed + 1));
        Norm2 = RegisterModule("norm2", new LayerNorm(config.Embd));
    }

    public MultiHeadAttention SelfAttn { get; }

    public LayerNorm Norm1 { get; }

    public FeedForward Ff { get; }

    public LayerNorm Norm2 { get; }

    /// <summary>x [B, S, C] → [B, S, C]; sourcePadding [B, S] is 1 on padding.</summary>
    public Tensor Forward(Tensor x, Tensor? sourcePadding)
    {
        x = Residual(x, Norm1, h => SelfAttn.Forward(h, h, causal: false, sourcePadding), normFirst); // (B, S, C)
        return Residual(x, Norm2, Ff.Forward, normFirst);                                               // (B, S, C)
    }

    /// <summary>Pre-LN: x + f(norm(x)). Post-LN (the paper): norm(x + f(x)).</summary>
    internal static Tensor Residual(Tensor x, LayerNorm norm, Func<Tensor, Tensor> sublayer, bool normFirst) =>
        normFirst ? x + sublayer(norm.Forward(x)) : norm.Forward(x + sublayer(x));
}

/// <summary>Decoder layer: causal self-attention, cross-attention to the encoder's output, feed-forward.</summary>
public sealed class DecoderLayer : Module
{
    private readonly bool normFirst;

    public DecoderLayer(TransformerConfig config, Generator generator, ulong seed)
    {
        normFirst = config.NormFirst;
        SelfAttn = RegisterModule("self_attn", new MultiHeadAttention(config.Embd, config.Heads, config.Dropout, generator, seed));
        Norm1 = RegisterModule("norm1", new LayerNorm(config.Embd));
        CrossAttn = RegisterModule("cross_attn", new MultiHeadAttention(config.Embd, config.Heads, config.Dropout, generator, seed + 1));
        Norm2 = RegisterModule("norm2", new LayerNorm(config.Embd));
        Ff = RegisterModule("ff", new FeedForward(config.Embd, config.Dropout, generator, seed + 2));
        Norm3 = RegisterModule("norm3", new LayerNorm(config.Embd));
    }

    public MultiHeadAttention SelfAttn { get; }

    public LayerNorm Norm1 { get; }

    /// <summary>Queries come from the decoder, keys and values from the encoder's output ("memory").</summary>
    public MultiHeadAttention CrossAttn { get; }

    public LayerNorm Norm2 { get; }

    public FeedForward Ff { get; }

    public LayerNorm Norm3 { get; }

    /// <summary>y [B, T, C] with memory [B, S, C] → [B, T, C].</summary>
    public Tensor Forward(Tensor y, Tensor memory, Tensor? sourcePadding)
    {
        y = EncoderLayer.Residual(y, Norm1, h => SelfAttn.Forward(h, h, causal: true), normFirst);                 // (B, T, C)
        y = EncoderLayer.Residual(y, Norm2, h => CrossAttn.Forward(h, memory, causal: false, sourcePadding), normFirst); // (B, T, C)
        return EncoderLayer.Residual(y, Norm3, Ff.Forward, normFirst);                                             // (B, T, C)
    }
}
