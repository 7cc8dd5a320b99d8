namespace Llm.Tests.Autograd;

/// <summary>Gradient checks for MatMul: plain, batched, a shared right operand, and every transpose combination.</summary>
public class GradCheckMatMulTests
{
    // (a's shape, b's shape) before any transpose: a is [..., m, k], b is [..., k, n].
    public static TheoryData<int[], int[], bool, bool> Cases()
    {
        int[][][] shapes =
        [
            [[17, 65], [65, 3]],          // 2-D
            [[1, 63], [63, 17]],          // a single row
            [[3, 257], [257, 1]],         // long inner dimension, one column
            [[2, 3, 17], [2, 17, 5]],     // batched
            [[2, 3, 5, 17], [2, 3, 17, 4]], // two batch axes
            [[2, 3, 17], [17, 5]],        // 2-D right operand shared by every batch
            [[3, 17], [2, 17, 5]],        // 2-D left operand shared by every batch
        ];
        var data = new TheoryData<int[], int[], bool, bool>();
        foreach (var pair in shapes)
        {
            foreach (var transposeA in new[] { false, true })
            {
                foreach (var transposeB in new[] { false, true })
                {
                    data.Add(pair[0], pair[1], transposeA, transposeB);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatMul(int[] aShape, int[] bShape, bool transposeA, bool transposeB)
    {
        // Store each operand already transposed when the flag asks MatMul to transpose it back.
        var a = TestTensors.Normal(11, transposeA ? SwapLastTwo(aShape) : aShape);
        var b = TestTensors.Normal(12, transposeB ? SwapLastTwo(bShape) : bShape);
        GradCheck.Check((x, y) => Tensor.MatMul(x, y, transposeA, transposeB), a, b);
    }

    [Fact]
    public void MatMulOfATensorWithItself()
    {
        // x·xᵀ: both gradient paths land in the same buffer.
        GradCheck.Check(x => Tensor.MatMul(x, x, transposeB: true), TestTensors.Normal(13, 5, 17));
        GradCheck.Check(x => x.MatMul(x), TestTensors.Normal(14, 2, 17, 17));
    }

    [Theory]
    [InlineData(new[] { 17, 65 }, 3)]       // 2-D input
    [InlineData(new[] { 2, 5, 17 }, 33)]    // [B, T, in], as in a model
    [InlineData(new[] { 1, 257 }, 1)]       // one row, one output
    public void Linear(int[] xShape, int outFeatures)
    {
        var x = TestTensors.Normal(15, xShape);
        var weight = TestTensors.Normal(16, outFeatures, xShape[^1]);
        var bias = TestTensors.Normal(17, outFeatures);
        GradCheck.Check((xs, w, b) => Tensor.Linear(xs, w, b), x, weight, bias);
        GradCheck.Check((xs, w) => Tensor.Linear(xs, w), x, weight);
    }

    [Fact]
    public void LinearEqualsMatMulPlusBias()
    {
        var x = TestTensors.Normal(18, 3, 7, 40);
        var weight = TestTensors.Normal(19, 24, 40);
        var bias = TestTensors.Normal(20, 24);
        var fused = Tensor.Linear(x, weight, bias).ToArray();
        var apart = (Tensor.MatMul(x, weight, transposeB: true) + bias).ToArray();
        Assert.Equal(apart.Length, fused.Length);
        for (var i = 0; i < fused.Length; i++)
        {
            Assert.Equal(apart[i], fused[i], 1e-5f); // the bias is added first instead of last: only rounding differs
        }
    }

    private static int[] SwapLastTwo(int[] shape)
    {
        var swapped = (int[])shape.Clone();
        (swapped[^1], swapped[^2]) = (swapped[^2], swapped[^1]);
        return swapped;
    }
}
