using Llm.Kernels;
using Llm.Models;

namespace Llm.Tests.Backends;

/// <summary>
/// A step's memory reuses arrays, and autograd hands gradients back to it as soon as no node holds
/// them. Reusing an array too early would silently corrupt a gradient, so the gradients made inside
/// a step are compared bit for bit with those made outside one, where nothing is reused.
/// </summary>
public class StepMemoryTests
{
    [Fact]
    public void GptGradientsInsideAStepEqualThoseOutsideOne()
    {
        var config = new GptConfig { VocabSize = 23, BlockSize = 16, Layers = 2, Heads = 2, Embd = 32 };
        var model = new Gpt(config);
        var generator = new Generator(3);
        var ids = Enumerable.Range(0, 3 * 16).Select(_ => generator.NextInt(23)).ToArray();
        var targets = Enumerable.Range(0, 3 * 16).Select(_ => generator.NextInt(23)).ToArray();

        float[][] Gradients(bool inStep)
        {
            model.ZeroGrad();
            using (inStep ? Tensor.Step() : null)
            {
                var (_, loss) = model.Forward(ids, targets, 3, 16);
                loss.Backward();
            }

            return model.Parameters().Select(p => p.Grad!.ToArray()).ToArray();
        }

        var plain = Gradients(inStep: false);
        var first = Gradients(inStep: true);
        var second = Gradients(inStep: true); // now every array comes from the last step's free lists
        Assert.Equal(plain, first);
        Assert.Equal(plain, second);
    }

    [Fact]
    public void BackwardReusesGradientArraysWithinTheStep()
    {
        // A chain of 12 scalings of a 4099-float vector (a length no other test uses). The forward
        // pass keeps 12 results; the backward pass needs only the gradient it is computing and the
        // one it came from, so it adds a few arrays, not another 12.
        const int Length = 4099;
        const int Links = 12;
        var x = Tensor.Ones(Length);
        x.RequiresGrad = true;
        var before = CpuArrays.PooledCount(Length);
        using (Tensor.Step())
        {
            var y = x;
            for (var i = 0; i < Links; i++)
            {
                y = y * 1.5f;
            }

            y.Sum().Backward();
        }

        var arraysInStep = CpuArrays.PooledCount(Length) - before;
        Assert.InRange(arraysInStep, Links, Links + 3);
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(MathF.Pow(1.5f, Links), g, 4));
    }

    [Fact]
    public void RetainedGradientsSurviveTheRelease()
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 2048).Select(i => i * 0.001f).ToArray(), [2048]);
        x.RequiresGrad = true;
        float[] kept;
        using (Tensor.Step())
        {
            var middle = (x * 2f).RetainGrad();
            var top = (middle + middle) * 3f; // middle's gradient is borrowed by both sides of the Add
            top.Sum().Backward();
            var other = (x * 5f).Exp(); // allocations after Backward must not land in middle.Grad
            _ = other.Sum().Item();
            kept = middle.Grad!.ToArray();
        }

        Assert.All(kept, g => Assert.Equal(6f, g));
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(12f, g));
    }

    [Theory]
    [InlineData(5)]      // a small array, which the arena does not pool
    [InlineData(4100)]   // a pooled one, which the next step would overwrite
    public void ATensorKeptFromAStepFailsClearlyAfterIt(int length)
    {
        var x = Tensor.Ones(length);
        x.RequiresGrad = true;
        Tensor kept;
        using (Tensor.Step())
        {
            kept = x * 2f;
            kept.Sum().Backward();
            Assert.Equal(2f, kept[0]);   // inside the step it is fine
        }

        var error = Assert.Throws<InvalidOperationException>(() => kept.ToArray());
        Assert.Contains("inside a training step", error.Message);
        Assert.Contains("Item()", error.Message);
        Assert.Throws<InvalidOperationException>(() => kept + x);
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(2f, g));   // parameters and their gradients outlive the step
    }
}
