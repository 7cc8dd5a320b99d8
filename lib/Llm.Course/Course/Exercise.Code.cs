namespace Llm.Course;

/// <summary>
/// "Write it yourself" cells: the learner's function runs against the library's on generated
/// inputs (see <see cref="CheckInputs"/>), and the first input where they differ is reported
/// with both values and the tolerance. As with the numeric checks, <see cref="CheckCode"/> only
/// prints (no exception, no stack trace), and <see cref="SolutionCode"/> throws when wrong.
/// </summary>
public static partial class Exercise
{
    /// <summary>
    /// Runs <paramref name="yours"/> and <paramref name="reference"/> on every input and prints a verdict:
    /// "not written yet" (your function throws NotImplementedException), "✓ correct on all N inputs",
    /// or the first mismatch. Numbers agree when |yours − expected| ≤ tolerance · max(1, |expected|);
    /// outputs may be numbers, arrays, tensors or tuples of them. Returns whether all agreed.
    /// <code>Exercise.CheckCode("softmax", MySoftmax, x => Tensor.FromArray(x, x.Length).Softmax().ToArray(), CheckInputs.Vectors());</code>
    /// </summary>
    public static bool CheckCode<TIn, TOut>(string name, Func<TIn, TOut> yours, Func<TIn, TOut> reference, IEnumerable<TIn> inputs, double tolerance = 1e-5)
    {
        var (ok, message) = RunCode(name, yours, reference, inputs, tolerance);
        Console.WriteLine(message);
        return ok;
    }

    /// <summary>For solution cells: the same check, but anything short of correct is an error.</summary>
    public static void SolutionCode<TIn, TOut>(string name, Func<TIn, TOut> yours, Func<TIn, TOut> reference, IEnumerable<TIn> inputs, double tolerance = 1e-5)
    {
        var (ok, message) = RunCode(name, yours, reference, inputs, tolerance);
        Console.WriteLine(message);
        if (!ok)
        {
            throw new InvalidOperationException($"The solution is wrong. {message}");
        }
    }

    /// <summary>The verdict, without printing it.</summary>
    internal static (bool Ok, string Message) RunCode<TIn, TOut>(string name, Func<TIn, TOut> yours, Func<TIn, TOut> reference, IEnumerable<TIn> inputs, double tolerance)
    {
        var count = 0;
        var notes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            count++;
            var expected = reference(input);
            TOut actual;
            try
            {
                actual = yours(input);
            }
            catch (NotImplementedException)
            {
                return (false, $"{name}: not written yet — replace `throw new NotImplementedException()` with your code, run that cell, then run this check again.");
            }
            catch (Exception e)
            {
                return (false, $"{name}: ✗ your code threw {e.GetType().Name} on input {CheckValues.Describe(input)}: {e.Message}");
            }

            if (CheckValues.FirstMismatch(expected, actual, tolerance) is { } mismatch)
            {
                var note = CheckValues.Notes(input) is { Count: > 0 } n ? $" ({string.Join(", ", n)})" : string.Empty;
                return (false, $"{name}: ✗ not yet — on input {CheckValues.Describe(input)}{note}, {mismatch.Where}expected {mismatch.Expected}, yours is {mismatch.Actual} (tolerance {tolerance:G3}).");
            }

            notes.UnionWith(CheckValues.Notes(input));
        }

        if (count == 0)
        {
            throw new ArgumentException($"The check of {name} was given no inputs; pass some, e.g. CheckInputs.Vectors().", nameof(inputs));
        }

        var covered = notes.Count > 0 ? $", including {string.Join(", ", notes)}" : string.Empty;
        return (true, $"{name}: ✓ correct on all {count} inputs{covered}.");
    }
}
