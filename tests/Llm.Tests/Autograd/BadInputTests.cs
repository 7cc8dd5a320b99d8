namespace Llm.Tests.Autograd;

/// <summary>
/// Bad inputs fail early with one <see cref="TensorException"/> whose message names the operation
/// and the shapes involved, instead of a crash deep inside a kernel or a silently wrong result.
/// </summary>
public class BadInputTests
{
    [Fact]
    public void AddOfShapesThatDoNotBroadcast()
    {
        var error = Throws(() => Tensor.Zeros(3, 17) + Tensor.Zeros(3, 16));
        AssertNames(error, "Add", "[3, 17]", "[3, 16]");
    }

    [Fact]
    public void MatMulWithDifferentInnerDimensions()
    {
        var error = Throws(() => Tensor.Zeros(3, 17).MatMul(Tensor.Zeros(16, 5)));
        AssertNames(error, "MatMul", "[3, 17]", "[16, 5]");

        error = Throws(() => Tensor.MatMul(Tensor.Zeros(3, 17), Tensor.Zeros(17, 5), transposeA: true));
        AssertNames(error, "MatMul", "[3, 17]", "[17, 5]");
    }

    [Fact]
    public void MatMulWithDifferentBatchDimensions()
    {
        var error = Throws(() => Tensor.Zeros(2, 3, 17).MatMul(Tensor.Zeros(3, 17, 5)));
        AssertNames(error, "MatMul", "[2, 3, 17]", "[3, 17, 5]");
    }

    [Fact]
    public void AxisOutOfRange()
    {
        var x = Tensor.Zeros(2, 3, 17);
        AssertNames(Throws(() => x.Sum(3)), "Sum", "[2, 3, 17]", "axis 3");
        AssertNames(Throws(() => x.Sum(-4, keepDim: true)), "Sum", "[2, 3, 17]", "axis -4");
        AssertNames(Throws(() => x.Mean(5)), "Mean", "[2, 3, 17]", "axis 5");
        AssertNames(Throws(() => x.Transpose(0, 3)), "Transpose", "[2, 3, 17]", "axis 3");
        AssertNames(Throws(() => x.Split([1, 2], 3)), "Split", "[2, 3, 17]", "axis 3");
        AssertNames(Throws(() => x.Split(1, -4)), "Split", "[2, 3, 17]", "axis -4");
        AssertNames(Throws(() => Tensor.Concat([x, x], 3)), "Concat", "[2, 3, 17]", "axis 3");
    }

    [Fact]
    public void SplitSizesThatDoNotAddUp()
    {
        var x = Tensor.Zeros(2, 3, 17);
        AssertNames(Throws(() => x.Split([5, 5], -1)), "Split", "[2, 3, 17]");
        AssertNames(Throws(() => x.Split(5, -1)), "Split", "[2, 3, 17]");
    }

    [Fact]
    public void BackwardFromANonScalarWithoutAGradient()
    {
        var x = Tensor.Ones(3, 17);
        x.RequiresGrad = true;
        AssertNames(Throws(() => (x * 2f).Backward()), "Backward", "[3, 17]");
    }

    [Fact]
    public void BackwardWithAGradientOfTheWrongShape()
    {
        var x = Tensor.Ones(3, 17);
        x.RequiresGrad = true;
        AssertNames(Throws(() => (x * 2f).Backward(Tensor.Ones(17, 3))), "Backward", "[3, 17]", "[17, 3]");
    }

    [Fact]
    public void BackwardOnATensorThatDoesNotRequireGrad()
    {
        var x = Tensor.Ones(3, 17);
        AssertNames(Throws(() => (x * 2f).Sum().Backward()), "Backward", "[]");

        x.RequiresGrad = true;
        using (Tensor.NoGrad())
        {
            var loss = (x * 2f).Sum();
            AssertNames(Throws(() => loss.Backward()), "Backward", "[]");
        }
    }

    [Fact]
    public void CrossEntropyTargetOutOfRange()
    {
        var logits = Tensor.Zeros(3, 17);
        AssertNames(Throws(() => logits.CrossEntropy([0, 17, 2])), "CrossEntropy", "[3, 17]", "17");
        AssertNames(Throws(() => logits.CrossEntropy([0, -1, 2])), "CrossEntropy", "[3, 17]", "-1");
    }

    [Fact]
    public void CrossEntropyWithTheWrongNumberOfTargets() =>
        AssertNames(Throws(() => Tensor.Zeros(2, 3, 17).CrossEntropy([0, 1, 2])), "CrossEntropy", "[2, 3, 17]");

    [Fact]
    public void EmbeddingIdOutOfRange()
    {
        var table = Tensor.Zeros(10, 17);
        AssertNames(Throws(() => Tensor.Embedding(table, [1, 10, 2])), "Embedding", "[10, 17]", "10");
        AssertNames(Throws(() => Tensor.Embedding(table, [-1])), "Embedding", "[10, 17]", "-1");
    }

    [Fact]
    public void ReshapeToAWrongElementCount()
    {
        var x = Tensor.Zeros(3, 17);
        AssertNames(Throws(() => x.Reshape(5, 10)), "Reshape", "[3, 17]", "[5, 10]");
        AssertNames(Throws(() => x.Reshape(-1, 5)), "Reshape", "[3, 17]", "[-1, 5]");
    }

    [Fact]
    public void LinearWithTheWrongInputOrBias()
    {
        var weight = Tensor.Zeros(5, 17);
        AssertNames(Throws(() => Tensor.Linear(Tensor.Zeros(3, 16), weight)), "Linear", "[3, 16]", "[5, 17]");
        AssertNames(Throws(() => Tensor.Linear(Tensor.Zeros(17), weight)), "Linear", "[17]", "rank 2");
        AssertNames(Throws(() => Tensor.Linear(Tensor.Zeros(3, 17), weight, Tensor.Zeros(4))), "Linear", "[5, 17]", "[4]");
    }

    [Fact]
    public void LayerNormWeightOfTheWrongSize()
    {
        var x = Tensor.Zeros(3, 17);
        AssertNames(Throws(() => x.LayerNorm(Tensor.Ones(16), Tensor.Zeros(17))), "LayerNorm", "[3, 17]", "[16]");
        AssertNames(Throws(() => x.LayerNorm(Tensor.Ones(17), Tensor.Zeros(1, 17))), "LayerNorm", "[3, 17]", "[1, 17]");
    }

    [Fact]
    public void BackwardTwiceOnAFreedGraph()
    {
        var x = Tensor.Ones(3, 17);
        x.RequiresGrad = true;
        var loss = (x * 2f).Tanh().Sum();
        loss.Backward();
        var gradient = x.Grad!.ToArray();

        AssertNames(Throws(() => loss.Backward()), "Backward", "retainGraph");
        Assert.Equal(gradient, x.Grad!.ToArray());   // the failed call changed nothing
    }

    [Fact]
    public void NewOpOnAnIntermediateOfAFreedGraph()
    {
        var x = Tensor.Ones(3, 17);
        x.RequiresGrad = true;
        var hidden = (x * 2f).Tanh();
        hidden.Sum().Backward();

        // The forward works (the numbers are still there), but the way back through hidden is gone.
        var again = (hidden * 3f).Sum();
        AssertNames(Throws(() => again.Backward()), "Backward", "[3, 17]", "freed");
    }

    [Fact]
    public void MixingDevicesFailsBeforeAnyKernelRuns()
    {
        var cpu = Tensor.Ones(3, 17);
        var cuda = new Tensor(new FakeCudaStorage(3 * 17), [3, 17]);

        // The fake storage holds no numbers; had a CPU kernel been handed it first, that kernel would
        // throw an InvalidOperationException of its own, not this TensorException.
        AssertNames(Throws(() => cpu + cuda), "Add", "cpu", "cuda:0");
        AssertNames(Throws(() => cuda * cpu), "Mul", "cuda:0", "cpu");
        AssertNames(Throws(() => cpu.MatMul(new Tensor(new FakeCudaStorage(17 * 5), [17, 5]))), "MatMul", "cpu", "cuda:0");
        AssertNames(Throws(() => Tensor.Concat([cpu, cuda], 0)), "Concat", "cpu", "cuda:0");
        AssertNames(Throws(() => cpu.MaskedFill(cuda, 0f)), "MaskedFill", "cpu", "cuda:0");
        AssertNames(Throws(() => cpu.LayerNorm(Tensor.Ones(17), new Tensor(new FakeCudaStorage(17), [17]))), "LayerNorm", "cpu", "cuda:0");
    }

    /// <summary>Claims to live on a GPU; it holds nothing, so any kernel that tried to read it would fail.</summary>
    private sealed class FakeCudaStorage(long length) : Storage
    {
        public override long Length => length;

        public override Device Device => Device.Cuda;
    }

    // Assert.Throws checks the exact type: a TensorException, not some other exception that happens to derive from the same base.
    private static TensorException Throws(Func<object> action) => Assert.Throws<TensorException>(action);

    private static TensorException Throws(Action action) => Assert.Throws<TensorException>(action);

    private static void AssertNames(TensorException error, string op, params string[] mentions)
    {
        Assert.Equal(op, error.Op);
        Assert.StartsWith(op + ":", error.Message);
        foreach (var text in mentions)
        {
            Assert.Contains(text, error.Message);
        }
    }
}
