using Xunit.Abstractions;

namespace Llm.Tests.Autograd;

/// <summary>
/// Backward() must be linear in the size of the graph: it visits each node once and changes a
/// holder count a bounded number of times per node (GradMemory). A graph scan per node — how
/// gradients were once given back — makes it quadratic, and these counts would show it.
/// </summary>
public class BackwardWorkTests(ITestOutputHelper log)
{
    [Fact]
    public void WorkGrowsLinearlyWithTheNumberOfNodes()
    {
        var small = WorkPerNode(1_000);
        var large = WorkPerNode(5_000);
        log.WriteLine($"bookkeeping steps per node: {small:F2} on 1,000 nodes, {large:F2} on 5,000");

        // Quadratic bookkeeping would make the work per node five times larger on the larger graph.
        Assert.InRange(large, 1.0, 8.0);
        Assert.InRange(large / small, 0.9, 1.1);
    }

    [Fact]
    public void TheDeepGraphStillGetsTheRightGradient()
    {
        var (x, root) = Chain(5_000);
        root.Sum().Backward();

        // Each link computes y·0.5 + y·0.5 = y, so dy/dx = 1 however deep the chain.
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(1f, g, 3));
    }

    private static double WorkPerNode(int nodes)
    {
        var (_, root) = Chain(nodes);
        var loss = root.Sum();
        loss.Backward();
        return (double)loss.BackwardWork / nodes;
    }

    // About `nodes` nodes: each link is two scalings and an Add, so every gradient is borrowed by two
    // tensors and given back only when both have passed it on.
    private static (Tensor X, Tensor Root) Chain(int nodes)
    {
        var x = Tensor.FromArray([1f, 2f, 3f], 3);
        x.RequiresGrad = true;
        var y = x;
        for (var i = 0; i < nodes / 3; i++)
        {
            y = (y * 0.5f) + (y * 0.5f);
        }

        return (x, y);
    }
}
