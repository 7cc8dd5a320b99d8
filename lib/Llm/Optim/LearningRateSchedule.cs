namespace Llm.Optim;

/// <summary>
/// Linear warm-up to the peak learning rate, then a cosine decay to a floor (as nanoGPT and
/// GPT-3 train): small steps while the weights are random, the full rate in the middle, and
/// gentle steps at the end.
/// </summary>
public sealed record LearningRateSchedule(float PeakLr, int WarmupSteps, int TotalSteps, float MinLr)
{
    /// <summary>The rate at a step (0-based).</summary>
    public float At(int step)
    {
        if (step < WarmupSteps)
        {
            return PeakLr * (step + 1) / WarmupSteps;
        }

        if (step >= TotalSteps)
        {
            return MinLr;
        }

        var progress = (double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps); // 0 → 1
        var cosine = 0.5 * (1 + Math.Cos(Math.PI * progress));                                  // 1 → 0
        return (float)(MinLr + (cosine * (PeakLr - MinLr)));
    }

    /// <summary>A constant rate.</summary>
    public static LearningRateSchedule Constant(float lr) => new(lr, 0, int.MaxValue, lr);
}
