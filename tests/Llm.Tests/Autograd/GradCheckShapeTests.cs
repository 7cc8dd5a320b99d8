namespace Llm.Tests.Autograd;

/// <summary>Gradient checks for reductions and the operations that only move numbers: Sum, Mean, Reshape, Transpose, Split, Concat.</summary>
public class GradCheckShapeTests
{
    [Fact]
    public void SumAndMeanOfEverything()
    {
        GradCheck.Check(x => x.Sum(), TestTensors.Normal(21, 257));
        GradCheck.Check(x => x.Mean(), TestTensors.Normal(22, 2, 3, 17));
        GradCheck.Check(x => x.Sum(), TestTensors.Normal(23, 1));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(-1, true)]
    public void SumAndMeanOverOneAxis(int axis, bool keepDim)
    {
        var x = TestTensors.Normal(24, 2, 3, 17);
        GradCheck.Check(t => t.Sum(axis, keepDim), x);
        GradCheck.Check(t => t.Mean(axis, keepDim), x);
    }

    [Fact]
    public void SumOverAnAxisOfLengthOne() =>
        GradCheck.Check(t => t.Sum(0, keepDim: true) * t, TestTensors.Normal(25, 1, 65));

    [Fact]
    public void Reshape()
    {
        // A non-linear function after the reshape, so a mixed-up gradient would show.
        GradCheck.Check(x => x.Reshape(51).Tanh().Reshape(17, 3), TestTensors.Normal(26, 3, 17));
        GradCheck.Check(x => x.Reshape(6, -1) * x.Reshape(6, 17), TestTensors.Normal(27, 2, 3, 17));
        GradCheck.Check(x => x.View(-1).Exp(), TestTensors.Normal(28, 1, 65));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(0, 2)]
    [InlineData(-1, -2)]
    [InlineData(2, 0)]
    public void TransposeRank3(int axis1, int axis2) =>
        GradCheck.Check(x => x.Transpose(axis1, axis2), TestTensors.Normal(29, 2, 3, 17));

    [Theory]
    [InlineData(1, 2)]
    [InlineData(0, 3)]
    [InlineData(1, 3)]
    [InlineData(0, 1)]
    [InlineData(2, 2)]
    public void TransposeRank4(int axis1, int axis2) =>
        // The product with x itself makes the gradient depend on where each number went.
        GradCheck.Check(x => x.Transpose(axis1, axis2) * x.Transpose(axis1, axis2).Tanh(), TestTensors.Normal(30, 2, 3, 5, 4));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void SplitBySizesAndConcat(int axis)
    {
        int[] shape = [5, 7, 9];
        int[] sizes = axis switch { 0 => [2, 3], 1 => [1, 5, 1], _ => [4, 0, 5] };
        // Each piece goes through a different function, then the pieces are joined again.
        GradCheck.Check(
            x =>
            {
                var pieces = x.Split(sizes, axis);
                var changed = pieces.Select((p, i) => i % 2 == 0 ? p * (i + 2f) : p.Tanh()).ToArray();
                return Tensor.Concat(changed, axis);
            },
            TestTensors.Normal(31, shape));
    }

    [Fact]
    public void SplitIntoEqualPieces() =>
        GradCheck.Check(
            x =>
            {
                var pieces = x.Split(17, -1);
                return pieces[0] * pieces[1] + pieces[2].Exp();
            },
            TestTensors.Normal(32, 2, 3, 51));

    [Fact]
    public void SplitWithAnUnusedPieceGivesItZeroGradient() =>
        // Only the middle piece reaches the loss; the rest of x's gradient must be exactly 0.
        GradCheck.Check(x => x.Split([3, 11, 3], 1)[1], TestTensors.Normal(33, 3, 17));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void ConcatOfDifferentSizes(int axis)
    {
        int[] Shape(int size) => axis == 0 ? [size, 3, 17] : axis == 1 ? [2, size, 17] : [2, 3, size];
        GradCheck.Check(
            (a, b, c) => Tensor.Concat([a, b.Tanh(), c], axis),
            TestTensors.Normal(34, Shape(1)),
            TestTensors.Normal(35, Shape(4)),
            TestTensors.Normal(36, Shape(2)));
    }

    [Fact]
    public void ConcatOfTheSameTensorTwice() =>
        GradCheck.Check(x => Tensor.Concat([x, x * 2f, x], 1), TestTensors.Normal(37, 3, 17));
}
