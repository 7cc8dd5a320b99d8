namespace Llm.Training;

/// <summary>What the training loop reports after each logged step; the command line and the notebooks render it.</summary>
public sealed record TrainingProgress(
    int Step,
    int TotalSteps,
    float Loss,
    float LearningRate,
    double TokensPerSecond,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    float? ValidationLoss)
{
    /// <summary>One line such as "step 120/2000 | loss 2.3412 | val 2.4001 | lr 9.8e-04 | 5,321 tok/s | 1m02s left".</summary>
    public override string ToString()
    {
        var val = ValidationLoss is float v ? $" | val {v:F4}" : "";
        return $"step {Step}/{TotalSteps} | loss {Loss:F4}{val} | lr {LearningRate:0.0e+00} | {TokensPerSecond:N0} tok/s | {Format(Remaining)} left";
    }

    /// <summary>A duration as "4m05s" or "1h02m".</summary>
    public static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : $"{t.Minutes}m{t.Seconds:D2}s";
}
