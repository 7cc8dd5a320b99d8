namespace Llm.Models;

/// <summary>The shape of a GPT. Defaults are a small model that trains on a laptop CPU in minutes.</summary>
public sealed record GptConfig
{
    /// <summary>Number of distinct tokens (V): the rows of the embedding table and the width of the logits.</summary>
    public int VocabSize { get; init; } = 65;

    /// <summary>Longest context the model can see (T): the rows of the position embedding table.</summary>
    public int BlockSize { get; init; } = 64;

    /// <summary>Number of Transformer blocks stacked (L).</summary>
    public int Layers { get; init; } = 4;

    /// <summary>Attention heads per block (H); Embd must be divisible by it.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Width of every token vector (C).</summary>
    public int Embd { get; init; } = 128;

    /// <summary>Dropout probability in training (0 = off; 0.1–0.2 helps small data sets).</summary>
    public float Dropout { get; init; }

    /// <summary>Seed for the initial weights and the dropout masks.</summary>
    public ulong Seed { get; init; } = 1337;

    /// <summary>The GPT-2 small (124 M parameters) shape.</summary>
    public static GptConfig Gpt2Small => new() { VocabSize = 50257, BlockSize = 1024, Layers = 12, Heads = 12, Embd = 768 };
}
