namespace Llm.Generation;

/// <summary>How to pick the next token from the model's scores.</summary>
public sealed record SamplingOptions
{
    /// <summary>Divides the logits before softmax: below 1 sharper (safer), above 1 flatter (more surprising); 0 means greedy.</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Keep only the k most likely tokens (0 = all).</summary>
    public int TopK { get; init; }

    /// <summary>Keep the smallest set of most likely tokens whose probabilities add up to at least p (nucleus sampling; 1 = all).</summary>
    public float TopP { get; init; } = 1f;

    /// <summary>Seed of the random draws, so a run can be repeated.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Always the most likely token.</summary>
    public static SamplingOptions Greedy => new() { Temperature = 0f };
}
