namespace Llm.Tests.Autograd;

/// <summary>
/// Gradients add up: over every use of a tensor within one Backward(), and over Backward() calls
/// until ZeroGrad(). Also checks that GradCheck itself notices a wrong derivative.
/// </summary>
public class GradAccumulationTests
{
    [Fact]
    public void ATensorUsedTwiceGetsBothGradients()
    {
        var x = Tensor.FromArray([1f, -2f, 3f], 3);
        x.RequiresGrad = true;
        (x * x).Sum().Backward();
        Assert.Equal([2f, -4f, 6f], x.Grad!.ToArray());   // d(x²)/dx = 2x

        x.ZeroGrad();
        (x + x).Sum().Backward();
        Assert.Equal([2f, 2f, 2f], x.Grad!.ToArray());
    }

    [Fact]
    public void ResidualConnectionAddsBothPaths()
    {
        // a = x·w is an intermediate used twice: y = a + tanh(a). dy/da = 1 + (1 − tanh²(a)).
        var x = TestTensors.Normal(81, 4, 17);
        var w = TestTensors.Normal(82, 17, 5);
        w.RequiresGrad = true;
        var a = x.MatMul(w).RetainGrad();
        (a + a.Tanh()).Sum().Backward();

        var expected = a.ToArray().Select(v => 1f + (1f - (MathF.Tanh(v) * MathF.Tanh(v)))).ToArray();
        AssertClose(expected, a.Grad!.ToArray());
        GradCheck.Check((xx, ww) => { var h = xx.MatMul(ww); return h + h.Tanh(); }, x, w);
    }

    [Fact]
    public void ZeroGradThenBackwardAgainGivesTheSameGradient()
    {
        var (x, w) = Inputs();
        Loss(x, w).Backward();
        var first = w.Grad!.ToArray();

        w.ZeroGrad();
        Assert.Null(w.Grad);
        Loss(x, w).Backward();
        Assert.Equal(first, w.Grad!.ToArray());
    }

    [Fact]
    public void BackwardTwiceWithoutZeroGradDoublesTheGradient()
    {
        var (x, w) = Inputs();
        Loss(x, w).Backward();
        var once = w.Grad!.ToArray();

        Loss(x, w).Backward();   // a fresh forward pass, no ZeroGrad: the gradients add
        AssertDoubled(once, w.Grad!.ToArray());
    }

    [Fact]
    public void BackwardTwiceThroughARetainedGraphDoublesTheGradient()
    {
        var (x, w) = Inputs();
        var loss = Loss(x, w);
        loss.Backward(retainGraph: true);
        var once = w.Grad!.ToArray();

        loss.Backward();   // the same graph again: the loss's own gradient must not pile up as well
        AssertDoubled(once, w.Grad!.ToArray());
    }

    [Fact]
    public void BackwardTwiceThroughARetainedGraphWithRetainGradDoublesTheGradient()
    {
        var (x, w) = Inputs();
        var hidden = x.MatMul(w).RetainGrad();
        var loss = hidden.Gelu().Sum();
        loss.Backward(retainGraph: true);
        var once = w.Grad!.ToArray();
        var hiddenOnce = hidden.Grad!.ToArray();

        loss.Backward();
        AssertDoubled(once, w.Grad!.ToArray());
        Assert.Equal(hiddenOnce, hidden.Grad!.ToArray());   // a retained gradient is that of the latest Backward()
    }

    [Fact]
    public void GradCheckCatchesAWrongDerivative()
    {
        // An op whose backward is off by a factor: y = 2x, but it claims dy/dx = 3.
        static Tensor Broken(Tensor x)
        {
            var y = x.Detach() * 2f;
            return Tensor.Record("Broken", y, [x], g => x.AddToGrad(g * 3f));
        }

        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradCheck.Check(Broken, TestTensors.Normal(83, 3, 17)));
        Assert.Contains("maxdiff", error.Message);
        Assert.Contains("analytic", error.Message);
    }

    private static (Tensor X, Tensor W) Inputs()
    {
        var x = TestTensors.Normal(84, 5, 17);
        var w = TestTensors.Normal(85, 17, 3);
        w.RequiresGrad = true;
        return (x, w);
    }

    private static Tensor Loss(Tensor x, Tensor w) => x.MatMul(w).Gelu().CrossEntropy([0, 2, 1, 1, 0]);

    // The second gradient may be added inside the matrix-multiply kernel (beta = 1) rather than after
    // it, which can round the last bit differently: "doubled" means to within a few float32 ulps.
    private static void AssertDoubled(float[] once, float[] twice) =>
        AssertClose(once.Select(g => 2f * g).ToArray(), twice, relative: 1e-6f);

    private static void AssertClose(float[] expected, float[] actual, float relative = 0f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var allowed = 1e-6f + (relative * MathF.Abs(expected[i]));
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= allowed, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
