namespace Llm.Tests.Cuda;

/// <summary>Tensor.Step() on the GPU: the step's blocks go back to the pool when it ends, and a tensor kept from it fails clearly.</summary>
public class CudaStepTests
{
    [GpuFact]
    public void ATensorKeptFromAStepFailsClearlyAfterIt()
    {
        var x = Tensor.Ones(4100).To(Device.Cuda);
        x.RequiresGrad = true;
        Tensor kept;
        using (Tensor.Step())
        {
            kept = x * 2f;
            kept.Sum().Backward();
            Assert.Equal(2f, kept[0]);
        }

        var error = Assert.Throws<InvalidOperationException>(() => kept.ToArray());
        Assert.Contains("inside a training step", error.Message);
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(2f, g));   // the parameter's gradient outlives the step
    }
}
