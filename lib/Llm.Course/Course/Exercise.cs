using System.Globalization;

namespace Llm.Course;

/// <summary>
/// "Check yourself" cells. The learner writes an answer into a variable that starts empty
/// (NaN, null); the check cell says "not answered yet", "correct" or how far off the answer is —
/// it never stops the notebook. Solution cells call <see cref="Solution"/>, which does throw when
/// the answer is wrong, so the tests that run every notebook keep the solutions right.
/// </summary>
public static partial class Exercise
{
    /// <summary>Checks a number to within 0.1 % (the overload without a tolerance, so C# never picks the generic one for numbers).</summary>
    public static bool Check(string name, double answer, double expected) => Check(name, answer, expected, 1e-3);

    /// <summary>Checks a number within a relative tolerance; prints the verdict and returns whether it is right.</summary>
    public static bool Check(string name, double answer, double expected, double tolerance)
    {
        if (double.IsNaN(answer))
        {
            Console.WriteLine($"{name}: not answered yet — replace double.NaN with your answer and run the cell again.");
            return false;
        }

        var ok = Math.Abs(answer - expected) <= tolerance * Math.Max(1.0, Math.Abs(expected));
        Console.WriteLine(ok
            ? $"{name}: ✓ correct ({Format(answer)})"
            : $"{name}: ✗ not yet — you have {Format(answer)}; look again at the step before (hint: the answer is {(answer < expected ? "larger" : "smaller")}).");
        return ok;
    }

    /// <summary>Checks any value by equality (strings, token ids, arrays); null means not answered.</summary>
    public static bool Check<T>(string name, T? answer, T expected)
    {
        if (answer is null)
        {
            Console.WriteLine($"{name}: not answered yet — replace null with your answer and run the cell again.");
            return false;
        }

        var ok = answer is System.Collections.IEnumerable a && expected is System.Collections.IEnumerable e && answer is not string
            ? a.Cast<object>().SequenceEqual(e.Cast<object>())
            : EqualityComparer<T>.Default.Equals(answer, expected);
        Console.WriteLine(ok ? $"{name}: ✓ correct" : $"{name}: ✗ not yet — try again.");
        return ok;
    }

    /// <summary>For solution cells: the same check to within 0.1 %, but a wrong answer is an error.</summary>
    public static void Solution(string name, double answer, double expected) => Solution(name, answer, expected, 1e-3);

    /// <summary>For solution cells: the same check, but a wrong answer is an error.</summary>
    public static void Solution(string name, double answer, double expected, double tolerance)
    {
        if (!Check(name, answer, expected, tolerance))
        {
            throw new InvalidOperationException($"The solution of {name} is wrong: {Format(answer)} instead of {Format(expected)}.");
        }
    }

    /// <summary>For solution cells with non-numeric answers.</summary>
    public static void Solution<T>(string name, T answer, T expected)
    {
        if (!Check(name, answer, expected))
        {
            throw new InvalidOperationException($"The solution of {name} is wrong: {answer} instead of {expected}.");
        }
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
