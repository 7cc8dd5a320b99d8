using Llm.Optim;

namespace Llm.Training;

/// <summary>
/// Settings of the training loop, each stored here once: the trainer builds its AdamW and its
/// learning-rate schedule from them. Defaults suit the small models of the course; the ones left
/// null follow from the step count.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>Optimizer steps to take.</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Peak learning rate (reached after the warm-up).</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Steps of linear warm-up from ~0 to the peak; null = a tenth of the steps, at most 100.</summary>
    public int? WarmupSteps { get; init; }

    /// <summary>Where the cosine decay ends; null = a tenth of the peak.</summary>
    public float? MinLearningRate { get; init; }

    /// <summary>AdamW's decay rate of the first moment (the running mean of the gradient).</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>AdamW's decay rate of the second moment: 0.95 as GPT-3 and nanoGPT train, rather than PyTorch's default 0.999, which reacts slowly to a gradient that suddenly grows.</summary>
    public float Beta2 { get; init; } = 0.95f;

    /// <summary>AdamW's ε, added to √v so that a parameter with no gradient yet does not divide by zero.</summary>
    public float Eps { get; init; } = 1e-8f;

    /// <summary>AdamW's decoupled weight decay (applied to Linear weights only).</summary>
    public float WeightDecay { get; init; } = 0.1f;

    /// <summary>Clip the global gradient norm to this (0 = no clipping).</summary>
    public float GradClip { get; init; } = 1f;

    /// <summary>Measure the validation loss every this many steps; 0 = never; null = ten times in the run.</summary>
    public int? EvalInterval { get; init; }

    /// <summary>Report progress every this many steps.</summary>
    public int LogInterval { get; init; } = 10;

    /// <summary>Stop early when this much training time has passed, counting the time before a resume (null = no limit); the schedule still ends at Steps.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>
    /// With a <see cref="TimeBudget"/>: at the end of the warm-up, and again every warm-up's length
    /// of steps after it, the trainer measures its pace and fits <see cref="Steps"/> so that the
    /// schedule ends when the budget does — on a machine that was busy while the first steps were
    /// timed, or turns busy later, the run still uses the time it was given. The warm-up, the lowest
    /// rate and the evaluation interval are pinned at the first fit, so a fit changes only the length
    /// of the cosine decay. The fitted options replace these in <see cref="Trainer.Options"/> (and so
    /// in checkpoints): a resumed run continues from the count fitted last, then fits to its own pace.
    /// </summary>
    public bool FitStepsToTimeBudget { get; init; }

    /// <summary>Save a checkpoint every this many steps as well (0 = only at evaluations, at the end and when stopped), when a checkpoint action is given.</summary>
    public int CheckpointInterval { get; init; }

    /// <summary>Warm-up to <see cref="LearningRate"/> over the warm-up steps, then a cosine decay to the minimum at <see cref="Steps"/>.</summary>
    public LearningRateSchedule Schedule =>
        new(LearningRate, WarmupSteps ?? Math.Min(100, Math.Max(1, Steps / 10)), Steps, MinLearningRate ?? LearningRate / 10);

    /// <summary>The evaluation interval in steps (0 = never).</summary>
    public int EvaluateEvery => EvalInterval ?? Math.Max(1, Steps / 10);
}
