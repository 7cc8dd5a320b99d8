using Llm.Models;
using Llm.Training;

namespace Llm.Recipes;

/// <summary>
/// Settings of the poem GPT, each stored once: the model's shape, the training loop's settings, and
/// what only this recipe decides (batches, data, time). The defaults write recognisable quatrains
/// after about five minutes on a 2-core CPU.
/// </summary>
public sealed record PoemOptions
{
    /// <summary>
    /// The GPT: 4 blocks of 4 heads, 128 numbers per character, a context of 64 characters (a
    /// seven-character quatrain is 32 with its punctuation), and dropout 0.1 in training. In the
    /// 4½ minutes of `llm train` the model sees each training poem a dozen times or more; without
    /// dropout it learns them by heart, and on a faster machine its extra steps made the validation
    /// loss worse, not better (docs/performance.md has the runs). Its seed seeds the weights, the
    /// batches and dropout. Its vocabulary is set from the poems' characters.
    /// </summary>
    public GptConfig Model { get; init; } = new() { Layers = 4, Heads = 4, Embd = 128, BlockSize = 64, Dropout = 0.1f };

    /// <summary>
    /// The training loop: a peak learning rate of 3·10⁻³, progress at every step; warm-up,
    /// decay and evaluations follow from the step count. Its <see cref="TrainerOptions.Steps"/> are
    /// taken as given only when <see cref="TimeBudget"/> is null; otherwise they are fitted to the budget.
    /// </summary>
    public TrainerOptions Training { get; init; } = new() { LearningRate = 3e-3f, LogInterval = 1 };

    /// <summary>Windows per batch: 32 (with dropout, a batch of 32 reached a lower validation loss in the same time than 16 or 64).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>How long training may take: the recipe measures this machine's pace and fits the step count to it. Null = train Training.Steps.</summary>
    public TimeSpan? TimeBudget { get; init; } = TimeSpan.FromMinutes(4.5);

    /// <summary>Validation batches averaged at each evaluation (the same ones every time, so values compare).</summary>
    public int ValidationBatches { get; init; } = 8;

    /// <summary>
    /// The share of the training poems to train on, in (0, 1]: the first poems of the training split. The
    /// validation poems and the vocabulary stay the same, so validation losses of different fractions compare.
    /// </summary>
    public double TrainFraction { get; init; } = 1;

    /// <summary>A text file with one poem per line; null = the bundled Tang poems.</summary>
    public string? DataFile { get; init; }

    /// <summary>These settings with a fixed number of steps (no time budget).</summary>
    public PoemOptions WithSteps(int steps) => this with { Training = Training with { Steps = steps }, TimeBudget = null };
}
