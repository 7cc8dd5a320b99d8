using Llm.Kernels;

namespace Llm.Tests.Backends;

/// <summary>
/// Grad mode, a training step's memory and a kernel observer live in one scope that follows the
/// logical flow of work: across an await, into the tasks started inside it, and never into work
/// that another flow runs at the same time.
/// </summary>
public class ExecutionScopeTests
{
    [Fact]
    public async Task NoGradHoldsAcrossAwaitAndInTasksStartedInsideIt()
    {
        var x = Tensor.Ones(3);
        x.RequiresGrad = true;
        using (Tensor.NoGrad())
        {
            await Task.Yield();                                   // continues on another thread
            Assert.False(Tensor.IsGradEnabled);
            Assert.False((x * 2f).RequiresGrad);
            var inTask = await Task.Run(() => (x * 2f).RequiresGrad);
            Assert.False(inTask);
        }

        Assert.True(Tensor.IsGradEnabled);
        Assert.True((x * 2f).RequiresGrad);
    }

    [Fact]
    public async Task AStepLendsMemoryAcrossAwaitAndTakesItAllBackAtTheEnd()
    {
        Tensor made;
        Tensor madeInTask;
        using (Tensor.Step())
        {
            await Task.Yield();
            made = Tensor.Ones(2048) * 3f;                         // pooled: lent by the step
            madeInTask = await Task.Run(() => Tensor.Ones(2048) * 5f);
            Assert.Equal(3f, made[0]);
            Assert.Equal(5f, madeInTask[0]);
            Assert.Throws<InvalidOperationException>(() => Tensor.Step()); // steps do not nest, on any thread of the flow
        }

        Assert.Throws<InvalidOperationException>(() => made.ToArray());
        Assert.Throws<InvalidOperationException>(() => madeInTask.ToArray());
    }

    [Fact]
    public async Task AnObserverSeesTheFlowsKernelsAndNoOneElses()
    {
        var profile = new KernelProfile();
        var x = Tensor.RandN([64, 64], 1);
        using var started = new ManualResetEventSlim();
        using var stop = new CancellationTokenSource();

        // Started before the scope: its layer norms are another flow's and must not be counted.
        var other = Task.Run(() =>
        {
            started.Set();
            while (!stop.IsCancellationRequested)
            {
                _ = x.LayerNorm(Tensor.Ones(64), Tensor.Zeros(64));
            }
        });
        started.Wait();
        using (Tensor.ObserveKernels(profile))
        {
            await Task.Yield();
            _ = Tensor.MatMul(x, x);
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Tensor.MatMul(x, x))));
        }

        _ = Tensor.MatMul(x, x);                                  // after the scope: not counted
        await stop.CancelAsync();
        await other;

        var counts = profile.Costs().ToDictionary(k => k.Kernel, k => k.Calls);
        Assert.Equal(4, counts["MatMul"]);
        Assert.False(counts.ContainsKey("LayerNorm"));
        Assert.Equal(4L * 64 * 64 * 64, profile.Costs().Single(k => k.Kernel == "MatMul").Cost.MultiplyAdds);
    }
}
