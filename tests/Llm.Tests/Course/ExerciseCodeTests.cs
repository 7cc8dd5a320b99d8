using Llm.Course;

namespace Llm.Tests.Course;

/// <summary>A correct, a wrong, a missing and a crashing implementation each get the right message; strict mode throws.</summary>
public class ExerciseCodeTests
{
    private static readonly Func<float[], float[]> Reference = x => Tensor.FromArray(x, x.Length).Softmax().ToArray();

    private static float[] StableSoftmax(float[] x)
    {
        var max = x.Max();
        var e = x.Select(v => MathF.Exp(v - max)).ToArray();
        var sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    // The textbook formula: right on small numbers, NaN once exp overflows.
    private static float[] NaiveSoftmax(float[] x)
    {
        var e = x.Select(MathF.Exp).ToArray();
        var sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    [Fact]
    public void ACorrectImplementationPassesEveryInput()
    {
        var (ok, message) = Exercise.RunCode("softmax", StableSoftmax, Reference, CheckInputs.Vectors(), 1e-5);

        Assert.True(ok, message);
        Assert.Equal($"softmax: ✓ correct on all {CheckInputs.Vectors().Count} inputs, including equal values, large values, length 1, masked positions, negative numbers.", message);
    }

    [Fact]
    public void AWrongImplementationGetsTheFirstMismatch()
    {
        var (ok, message) = Exercise.RunCode("softmax", NaiveSoftmax, Reference, CheckInputs.Vectors(), 1e-5);

        Assert.False(ok);
        Assert.Equal("softmax: ✗ not yet — on input [1000, 1001, 1002] (large values), element [0]: expected 0.0900306, yours is NaN (tolerance 1E-05).", message);
    }

    [Fact]
    public void AMissingImplementationIsNotWrittenYet()
    {
        var (ok, message) = Exercise.RunCode<float[], float[]>("softmax", _ => throw new NotImplementedException(), Reference, CheckInputs.Vectors(), 1e-5);

        Assert.False(ok);
        Assert.StartsWith("softmax: not written yet — replace `throw new NotImplementedException()` with your code", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACrashIsReportedWithoutAStackTrace()
    {
        var (ok, message) = Exercise.RunCode<float[], float[]>("softmax", x => [x[1]], Reference, CheckInputs.Vectors(), 1e-5);

        Assert.False(ok);
        Assert.Equal("softmax: ✗ your code threw IndexOutOfRangeException on input [0.7]: Index was outside the bounds of the array.", message);
    }

    [Fact]
    public void ExerciseModePrintsAndStrictModeThrows()
    {
        Assert.False(Exercise.CheckCode("softmax", NaiveSoftmax, Reference, CheckInputs.Vectors()));
        Assert.False(Exercise.CheckCode<float[], float[]>("softmax", _ => throw new NotImplementedException(), Reference, CheckInputs.Vectors()));

        var error = Assert.Throws<InvalidOperationException>(() => Exercise.SolutionCode("softmax", NaiveSoftmax, Reference, CheckInputs.Vectors()));
        Assert.Contains("yours is NaN", error.Message, StringComparison.Ordinal);
        Exercise.SolutionCode("softmax", StableSoftmax, Reference, CheckInputs.Vectors());
    }

    [Fact]
    public void ScalarsTensorsAndTuplesAreCompared()
    {
        // ReLU in place of GELU: within tolerance at 0 and ±0.001, first caught at 0.5.
        static double Gelu(double x) => Tensor.FromArray([(float)x], 1).Gelu().ToArray()[0];
        var (ok, message) = Exercise.RunCode("gelu", x => Math.Max(0, x), Gelu, CheckInputs.Scalars(), 1e-3);
        Assert.False(ok);
        Assert.Equal("gelu: ✗ not yet — on input 0.5, expected 0.345714, yours is 0.5 (tolerance 0.001).", message);

        var tensors = CheckInputs.Tensors([2, 3]);
        (ok, message) = Exercise.RunCode("rows", t => t.Softmax(), t => t.Softmax(), tensors, 1e-6);
        Assert.True(ok, message);
        (ok, message) = Exercise.RunCode("rows", t => t.Softmax().Reshape(3, 2), t => t.Softmax(), tensors, 1e-6);
        Assert.False(ok);
        Assert.Contains("shape: expected [2, 3], yours is [3, 2]", message, StringComparison.Ordinal);

        (ok, message) = Exercise.RunCode("pair", (float[] x) => (x.Sum(), x.Length), x => (x.Sum(), x.Length + (x.Length == 3 ? 1 : 0)), CheckInputs.Vectors(masked: false), 1e-6);
        Assert.False(ok);
        Assert.Contains("item 2, expected 4, yours is 3", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheInputsAreTheSameEveryTimeAndCoverTheEdgeCases()
    {
        Assert.Equal(CheckInputs.Vectors(), CheckInputs.Vectors());
        Assert.Contains(CheckInputs.Vectors(), v => v.Length == 1);
        Assert.Contains(CheckInputs.Vectors(), v => v.Contains(float.NegativeInfinity));
        Assert.DoesNotContain(CheckInputs.Vectors(masked: false), v => v.Contains(float.NegativeInfinity));
        Assert.Throws<ArgumentException>(() => Exercise.RunCode("x", (float[] v) => v, v => v, [], 1e-5));
    }
}
