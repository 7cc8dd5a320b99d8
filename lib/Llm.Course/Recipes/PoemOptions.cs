namespace Llm.Recipes;

/// <summary>Settings of the poem GPT. The defaults write recognisable quatrains after about five minutes on a 2-core CPU.</summary>
public sealed record PoemOptions
{
    /// <summary>Transformer blocks.</summary>
    public int Layers { get; init; } = 4;

    /// <summary>Attention heads per block.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Width of each character's vector.</summary>
    public int Embd { get; init; } = 128;

    /// <summary>Context length in characters: a seven-character quatrain is 32 characters with its punctuation.</summary>
    public int BlockSize { get; init; } = 64;

    /// <summary>Windows per batch.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Optimizer steps; null = as many as fit in <see cref="TimeBudget"/> (measured on this machine first).</summary>
    public int? Steps { get; init; }

    /// <summary>How long training may take when Steps is not given.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMinutes(4.5);

    /// <summary>Peak learning rate.</summary>
    public float LearningRate { get; init; } = 3e-3f;

    /// <summary>Dropout in training.</summary>
    public float Dropout { get; init; }

    /// <summary>
    /// The share of the training poems to train on, in (0, 1]: the first poems of the training split. The
    /// validation poems and the vocabulary stay the same, so validation losses of different fractions compare.
    /// </summary>
    public double TrainFraction { get; init; } = 1;

    /// <summary>A text file with one poem per line; null = the bundled Tang poems.</summary>
    public string? DataFile { get; init; }

    /// <summary>Seed for weights, batches and dropout.</summary>
    public ulong Seed { get; init; } = 1337;
}
