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
    /// whole numbers (ids, counts) must be equal. Outputs may be numbers, arrays, tensors or tuples of
    /// them; a tuple's parts are called by their names. An input the reference refuses with an
    /// <see cref="ArgumentException"/> must be refused by yours with one too. Returns whether all agreed.
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
        // The names of a tuple's parts, as the reference (or yours) declares them: "(X: [1, 2], Gamma: …)", "Loss, expected …".
        var inputNames = CheckValues.TupleNames(reference.Method.GetParameters().FirstOrDefault()) ?? CheckValues.TupleNames(yours.Method.GetParameters().FirstOrDefault());
        var outputNames = CheckValues.TupleNames(reference.Method.ReturnParameter) ?? CheckValues.TupleNames(yours.Method.ReturnParameter);
        var count = 0;
        var refused = 0;
        var cases = new List<EdgeCase>();
        foreach (var input in inputs)
        {
            count++;
            var described = CheckValues.Describe(input, inputNames);
            var note = CheckValues.Notes(input, inputNames) is { Count: > 0 } n ? $" ({string.Join(", ", n)})" : string.Empty;

            // An input the library refuses (lengths that do not match, say) must be refused by yours too.
            TOut expected = default!;
            ArgumentException? refusal = null;
            try
            {
                expected = reference(input);
            }
            catch (ArgumentException e)
            {
                refusal = e;
            }

            TOut actual;
            try
            {
                actual = yours(input);
            }
            catch (NotImplementedException)
            {
                return (false, $"{name}: not written yet — replace `throw new NotImplementedException()` with your code, run that cell, then run this check again.");
            }
            catch (ArgumentException) when (refusal is not null)
            {
                refused++;
                continue;
            }
            catch (Exception e) when (refusal is not null)
            {
                return (false, $"{name}: ✗ not yet — on input {described}{note}, expected an ArgumentException (the reference threw one: {refusal.Message.TrimEnd('.')}); yours threw {e.GetType().Name}: {e.Message}");
            }
            catch (Exception e)
            {
                return (false, $"{name}: ✗ your code threw {e.GetType().Name} on input {described}: {e.Message}");
            }

            if (refusal is not null)
            {
                return (false, $"{name}: ✗ not yet — on input {described}{note}, expected an ArgumentException (the reference threw one: {refusal.Message.TrimEnd('.')}); yours returned {CheckValues.Describe(actual, outputNames)}.");
            }

            if (CheckValues.FirstMismatch(expected, actual, tolerance, outputNames) is { } mismatch)
            {
                var within = mismatch.Exact ? string.Empty : $" (tolerance {tolerance:G3})";
                return (false, $"{name}: ✗ not yet — on input {described}{note}, {mismatch.Where}expected {mismatch.Expected}, yours is {mismatch.Actual}{within}.");
            }

            cases.AddRange(CheckValues.EdgeCases(input, inputNames));
        }

        if (count == 0)
        {
            throw new ArgumentException($"The check of {name} was given no inputs; pass some, e.g. CheckInputs.Vectors().", nameof(inputs));
        }

        if (refused == count)
        {
            throw new ArgumentException($"The reference refused every input of {name}; give it some it accepts.", nameof(reference));
        }

        var covered = CheckValues.FormatNotes(cases) is { Count: > 0 } notes ? $", including {string.Join(", ", notes)}" : string.Empty;
        var refusals = refused > 0 ? $"; {refused} of them rightly refused with an ArgumentException" : string.Empty;
        return (true, $"{name}: ✓ correct on all {count} inputs{covered}{refusals}.");
    }
}
