namespace Llm.Training;

/// <summary>Settings of the training loop; defaults suit the small models of the course.</summary>
public sealed record TrainerOptions
{
    /// <summary>Optimizer steps to take.</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Peak learning rate (reached after the warm-up).</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Steps of linear warm-up from ~0 to the peak.</summary>
    public int WarmupSteps { get; init; } = 50;

    /// <summary>Where the cosine decay ends.</summary>
    public float MinLearningRate { get; init; } = 1e-4f;

    /// <summary>AdamW's decoupled weight decay (applied to Linear weights only).</summary>
    public float WeightDecay { get; init; } = 0.1f;

    /// <summary>Clip the global gradient norm to this (0 = no clipping).</summary>
    public float GradClip { get; init; } = 1f;

    /// <summary>Measure the validation loss every this many steps (0 = never).</summary>
    public int EvalInterval { get; init; } = 100;

    /// <summary>Report progress every this many steps.</summary>
    public int LogInterval { get; init; } = 10;

    /// <summary>Stop early when this much time has passed (null = no limit); the schedule still ends at Steps.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Save a checkpoint every this many steps (0 = only at the end), when a checkpoint action is given.</summary>
    public int CheckpointInterval { get; init; }
}
