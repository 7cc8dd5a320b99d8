namespace Llm.Models;

/// <summary>The shape of an encoder–decoder Transformer. Defaults train on the bundled German→English set on a CPU in minutes.</summary>
public sealed record TransformerConfig
{
    /// <summary>Tokens in the source language (German).</summary>
    public int SourceVocabSize { get; init; } = 256;

    /// <summary>Tokens in the target language (English).</summary>
    public int TargetVocabSize { get; init; } = 256;

    /// <summary>Longest sentence, in tokens, on either side.</summary>
    public int MaxLength { get; init; } = 32;

    /// <summary>Encoder layers and decoder layers (N in the paper, which used 6).</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Attention heads (the paper used 8).</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Model width d_model (the paper used 512).</summary>
    public int Embd { get; init; } = 128;

    /// <summary>Dropout probability in training (the paper used 0.1).</summary>
    public float Dropout { get; init; } = 0.1f;

    /// <summary>
    /// LayerNorm before each sub-layer (pre-LN, as GPT-2; trains reliably without long warm-up) or
    /// after the residual addition (post-LN, as the original paper).
    /// </summary>
    public bool NormFirst { get; init; } = true;

    /// <summary>Seed for the initial weights and the dropout masks.</summary>
    public ulong Seed { get; init; } = 1234;
}
