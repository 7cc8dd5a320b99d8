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
    public void AListOfTuplesIsDescribedItemByItem()
    {
        var (ok, message) = Exercise.RunCode<List<(int[] Tokens, double LogProb)>, int>(
            "beams", beams => beams.Count + 1, beams => beams.Count, [[([0, 1], -0.1), ([0, 2], -2.0)]], 1e-5);

        Assert.False(ok);
        Assert.Equal("beams: ✗ not yet — on input [([0, 1], -0.1), ([0, 2], -2)], expected 2, yours is 3.", message);
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
    public void ASoftmaxThatSubtractsTheMeanIsCaughtWhereLargeScoresOfBothSignsMeet()
    {
        static float[] MeanShifted(float[] x)
        {
            var mean = x.Where(float.IsFinite).Average();
            var e = x.Select(v => MathF.Exp(v - mean)).ToArray();
            var sum = e.Sum();
            return e.Select(v => v / sum).ToArray();
        }

        var (ok, message) = Exercise.RunCode("softmax", MeanShifted, Reference, CheckInputs.Vectors(), 1e-5);

        Assert.False(ok);
        Assert.Equal("softmax: ✗ not yet — on input [-1000, 1000, 0.5, 999] (large values, negative numbers), element [1]: expected 0.731059, yours is NaN (tolerance 1E-05).", message);
    }

    // A tuple result is reported by the names its code gave the parts; whole numbers are compared exactly.
    private static (float Loss, float[] Grad) CrossEntropy((float[] Logits, int Target) x)
    {
        var logits = Tensor.FromArray(x.Logits, 1, x.Logits.Length);
        logits.RequiresGrad = true;
        var loss = logits.CrossEntropy([x.Target]);
        loss.Backward();
        return (loss.Item(), logits.Grad!.ToArray());
    }

    private static (int[] Inputs, int[] Targets) Windows((int[] Tokens, int Block) x) => (x.Tokens[..x.Block], x.Tokens[1..(x.Block + 1)]);

    [Fact]
    public void TheRightPartOfATupleIsNamedAndWholeNumbersGetNoTolerance()
    {
        List<(float[] Logits, int Target)> logits = [([1f, 2f, 3f], 0), ([0.5f, -1f], 1)];
        var (ok, message) = Exercise.RunCode("cross-entropy", x => (CrossEntropy(x).Loss, Tensor.FromArray(x.Logits).Softmax().ToArray()), CrossEntropy, logits, 1e-5);
        Assert.False(ok);
        Assert.Equal("cross-entropy: ✗ not yet — on input (Logits: [1, 2, 3], Target: 0), Grad, element [0]: expected -0.909969, yours is 0.0900306 (tolerance 1E-05).", message);

        List<(int[] Tokens, int Block)> texts = [([5, 6, 7, 8], 3)];
        (ok, message) = Exercise.RunCode("windows", x => (x.Tokens[..x.Block], x.Tokens[..x.Block]), Windows, texts, 1e-5);
        Assert.False(ok);
        Assert.Equal("windows: ✗ not yet — on input (Tokens: [5, 6, 7, 8], Block: 3), Targets, element [0]: expected 6, yours is 5.", message);
    }

    // The library refuses mismatched lengths; the exercise asks for an ArgumentException, as the reference below throws.
    private static float Dot((float[] X, float[] W) n) =>
        n.X.Length == n.W.Length ? n.X.Zip(n.W, (x, w) => x * w).Sum() : throw new ArgumentException($"{n.X.Length} inputs but {n.W.Length} weights");

    [Fact]
    public void AnInputTheReferenceRefusesMustBeRefusedWithAnArgumentException()
    {
        List<(float[] X, float[] W)> inputs = [([1f, 2f], [3f, 4f]), ([1f, 2f, 3f], [0.5f, 0.5f, 0.5f, 0.5f])];

        var (ok, message) = Exercise.RunCode("dot", Dot, Dot, inputs, 1e-5);
        Assert.True(ok, message);
        Assert.Equal("dot: ✓ correct on all 2 inputs; 1 of them rightly refused with an ArgumentException.", message);

        (ok, message) = Exercise.RunCode("dot", n => n.X.Select((x, i) => x * n.W[i]).Sum(), Dot, inputs, 1e-5);
        Assert.False(ok);
        Assert.Equal("dot: ✗ not yet — on input (X: [1, 2, 3], W: [0.5, 0.5, 0.5, 0.5]) (equal values in W), expected an ArgumentException (the reference threw one: 3 inputs but 4 weights); yours returned 3.", message);

        (ok, message) = Exercise.RunCode("dot", n => n.X.Length == n.W.Length ? Dot(n) : throw new InvalidOperationException("lengths differ"), Dot, inputs, 1e-5);
        Assert.False(ok);
        Assert.Equal("dot: ✗ not yet — on input (X: [1, 2, 3], W: [0.5, 0.5, 0.5, 0.5]) (equal values in W), expected an ArgumentException (the reference threw one: 3 inputs but 4 weights); yours threw InvalidOperationException: lengths differ", message);

        (ok, message) = Exercise.RunCode("dot", n => n.X.Length == 2 ? throw new ArgumentException("no pairs") : 0f, Dot, inputs, 1e-5);
        Assert.False(ok);
        Assert.Equal("dot: ✗ your code threw ArgumentException on input (X: [1, 2], W: [3, 4]): no pairs", message);
    }

    private static float Scale((float[] X, float[] Gamma) i) => i.X.Zip(i.Gamma, (x, g) => x * g).Sum();

    private static float Rate((int Step, float Peak, int Total) x) => x.Peak * x.Step / x.Total;

    [Fact]
    public void TheEdgeCasesOfATupleNameThePartThatHasThemAndWholeNumbersAreNeverLargeValues()
    {
        List<(float[] X, float[] Gamma)> rows = [([1f, 2f], [0.5f, -1f]), ([3f], [2f]), ([-2f, 100f], [1f, 1f])];
        var (ok, message) = Exercise.RunCode("scale", Scale, Scale, rows, 1e-5);
        Assert.True(ok, message);
        Assert.Equal("scale: ✓ correct on all 3 inputs, including equal values in Gamma, large values in X, length 1 in X and Gamma, negative numbers in X and Gamma.", message);

        List<(int Step, float Peak, int Total)> steps = [(12, 1f, 300), (-1, 1f, 300)];
        (ok, message) = Exercise.RunCode("schedule", Rate, Rate, steps, 1e-5);
        Assert.True(ok, message);
        Assert.Equal("schedule: ✓ correct on all 2 inputs, including negative numbers in Step.", message);
        (ok, message) = Exercise.RunCode("schedule", x => 1f, Rate, steps, 1e-5);
        Assert.Equal("schedule: ✗ not yet — on input (Step: 12, Peak: 1, Total: 300), expected 0.04, yours is 1 (tolerance 1E-05).", message);
    }

    [Fact]
    public void TheInputsAreTheSameEveryTimeAndCoverTheEdgeCases()
    {
        Assert.Equal(CheckInputs.Vectors(), CheckInputs.Vectors());
        Assert.Contains(CheckInputs.Vectors(), v => v.Length == 1);
        Assert.Contains(CheckInputs.Vectors(), v => v.Contains(float.NegativeInfinity));
        Assert.Contains(CheckInputs.Vectors(), v => v.Max() >= 1000 && v.Min() <= -1000);
        Assert.DoesNotContain(CheckInputs.Vectors(masked: false), v => v.Contains(float.NegativeInfinity));
        Assert.Throws<ArgumentException>(() => Exercise.RunCode("x", (float[] v) => v, v => v, [], 1e-5));
    }
}
