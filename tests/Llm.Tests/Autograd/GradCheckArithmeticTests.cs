namespace Llm.Tests.Autograd;

/// <summary>Gradient checks for + − · ÷ with broadcasting, the scalar forms, and Pow.</summary>
public class GradCheckArithmeticTests
{
    // Pairs of shapes that broadcast: the gradient of a stretched input must be summed back.
    public static TheoryData<string, int[], int[]> BinaryCases()
    {
        int[][][] shapes =
        [
            [[3, 17], [3, 17]],       // same shape
            [[3, 17], [17]],          // row vector
            [[3, 17], [1, 17]],       // row vector, rank kept
            [[3, 17], [3, 1]],        // column vector
            [[2, 3, 17], [1]],        // scalar-shaped [1]
            [[257], []],              // true scalar, shape []
            [[2, 3, 17], [3, 17]],    // leading-dimension broadcast
            [[3, 17], [2, 3, 17]],    // …with the smaller tensor first
            [[3, 1], [1, 65]],        // both stretched
            [[2, 1, 17], [3, 1]],     // both stretched, different ranks
            [[1, 65], [63, 1]],
        ];
        var data = new TheoryData<string, int[], int[]>();
        foreach (var op in new[] { "Add", "Sub", "Mul", "Div" })
        {
            foreach (var pair in shapes)
            {
                data.Add(op, pair[0], pair[1]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void BinaryOpWithBroadcasting(string op, int[] aShape, int[] bShape)
    {
        var a = TestTensors.Normal(1, aShape);
        // Divisors stay at least 1 away from 0, where 1/b is steep and the finite difference inaccurate.
        var b = op == "Div" ? TestTensors.AwayFromZero(2, 1f, bShape) : TestTensors.Normal(2, bShape);
        Func<Tensor, Tensor, Tensor> f = op switch
        {
            "Add" => (x, y) => x + y,
            "Sub" => (x, y) => x - y,
            "Mul" => (x, y) => x * y,
            _ => (x, y) => x / y,
        };
        GradCheck.Check(f, a, b);
    }

    [Fact]
    public void BinaryOpsWithTheSameTensorOnBothSides()
    {
        GradCheck.Check(x => x * x, TestTensors.Normal(3, 3, 17));
        GradCheck.Check(x => x - x + x, TestTensors.Normal(4, 17));
        GradCheck.Check(x => x / x * x, TestTensors.AwayFromZero(5, 1f, 3, 17));
    }

    [Fact]
    public void ScalarOps()
    {
        var x = TestTensors.Normal(6, 2, 3, 17);
        GradCheck.Check(t => t + 2.5f, x);
        GradCheck.Check(t => 2.5f + t, x);
        GradCheck.Check(t => t - 1.5f, x);
        GradCheck.Check(t => 1.5f - t, x);
        GradCheck.Check(t => t * 3f, x);
        GradCheck.Check(t => -0.5f * t, x);
        GradCheck.Check(t => t / 4f, x);
        GradCheck.Check(t => -t, x);
    }

    [Theory]
    [InlineData(2f)]
    [InlineData(3f)]
    [InlineData(1f)]
    public void PowWithIntegerExponentOnAnySign(float p) =>
        GradCheck.Check(t => t.Pow(p), TestTensors.Normal(7, 3, 17));

    [Theory]
    [InlineData(0.5f)]
    [InlineData(-1f)]
    [InlineData(-1.5f)]
    [InlineData(2.7f)]
    public void PowWithFractionalOrNegativeExponentOnPositiveInputs(float p) =>
        GradCheck.Check(t => t.Pow(p), TestTensors.Uniform(8, 0.5f, 2f, 65));
}
