namespace Llm.Training;

/// <summary>The loss became NaN or infinite: training stopped, and the last checkpoint on disk is the last good one.</summary>
public sealed class TrainingDivergedException(int step, float loss)
    : Exception($"Training stopped at step {step}: the loss is {loss}. The last saved checkpoint is kept. Try a lower learning rate (or stronger gradient clipping) and resume from it.")
{
    public int Step { get; } = step;

    public float Loss { get; } = loss;
}
