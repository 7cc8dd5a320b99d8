using Llm.Nn;

namespace Llm.Models;

/// <summary>
/// One GPT-2 block, pre-LayerNorm: x + attn(ln_1(x)), then + mlp(ln_2(x)). The additions are the
/// residual connections that let gradients flow straight through a deep stack.
/// </summary>
public sealed class GptBlock : Module
{
    public GptBlock(GptConfig config, Generator generator, ulong seed)
    {
        Ln1 = RegisterModule("ln_1", new LayerNorm(config.Embd));
        Attn = RegisterModule("attn", new CausalSelfAttention(config.Embd, config.Heads, config.Dropout, generator, seed));
        Ln2 = RegisterModule("ln_2", new LayerNorm(config.Embd));
        Mlp = RegisterModule("mlp", new FeedForward(config.Embd, config.Dropout, generator, seed + 2));
    }

    public LayerNorm Ln1 { get; }

    public CausalSelfAttention Attn { get; }

    public LayerNorm Ln2 { get; }

    public FeedForward Mlp { get; }

    /// <summary>x [B, T, C] → [B, T, C].</summary>
    public Tensor Forward(Tensor x, KvCache? cache = null, int layer = 0)
    {
        x = x + Attn.Forward(Ln1.Forward(x), cache, layer); // (B, T, C)
        return x + Mlp.Forward(Ln2.Forward(x)); // (B, T, C)
    }
}
