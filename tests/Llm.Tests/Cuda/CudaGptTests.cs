namespace Llm.Tests.Cuda;

/// <summary>A whole GPT on the GPU against the CPU: loss and gradients of one batch, then ten training steps.</summary>
public class CudaGptTests
{
    [GpuFact]
    public void LossAndGradientsMatchTheCpu() => CudaOpTests.AssertAll(GptComparisons.LossAndGradients());

    [GpuFact]
    public void LossAndGradientsWithDropoutMatchTheCpu() => CudaOpTests.AssertAll(GptComparisons.LossAndGradients(dropout: 0.2f));

    [GpuFact]
    public void TenTrainingStepsFollowTheCpu() => CudaOpTests.AssertAll(GptComparisons.TrainingSteps().Checks);
}
