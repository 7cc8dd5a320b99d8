using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Llm.Course;

/// <summary>Where two outputs first differ, in words: "element [1]: ", "0.0900306", "NaN".</summary>
internal sealed record Mismatch(string Where, string Expected, string Actual);

/// <summary>
/// How <see cref="Exercise.CheckCode"/> compares and describes values of any kind it accepts:
/// numbers, arrays (also jagged and multi-dimensional), lists, tensors, and tuples of these.
/// </summary>
internal static class CheckValues
{
    private const int ShownValues = 8;

    /// <summary>The first place where <paramref name="actual"/> is not within tolerance of <paramref name="expected"/>, or null.</summary>
    public static Mismatch? FirstMismatch(object? expected, object? actual, double tolerance, string where = "")
    {
        if (expected is ITuple e && actual is ITuple a && e.Length == a.Length)
        {
            for (var i = 0; i < e.Length; i++)
            {
                if (FirstMismatch(e[i], a[i], tolerance, $"{where}item {i + 1}, ") is { } inner)
                {
                    return inner;
                }
            }

            return null;
        }

        if (Numbers(expected) is not { } x)
        {
            return Equals(expected, actual) ? null : new Mismatch(where, Describe(expected), Describe(actual));
        }

        if (Numbers(actual) is not { } y)
        {
            return new Mismatch(where, Describe(expected), Describe(actual));
        }

        if (!x.Shape.SequenceEqual(y.Shape))
        {
            return new Mismatch($"{where}shape: ", FormatShape(x.Shape), FormatShape(y.Shape));
        }

        for (var i = 0; i < x.Values.Length; i++)
        {
            if (!Close(x.Values[i], y.Values[i], tolerance))
            {
                var at = x.Shape.Length == 0 ? string.Empty : $"element {Index(i, x.Shape)}: ";
                return new Mismatch(where + at, N(x.Values[i]), N(y.Values[i]));
            }
        }

        return null;
    }

    /// <summary>An input or output in a few words: numbers in full up to eight of them.</summary>
    public static string Describe(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return $"\"{s}\"";
            case ITuple tuple:
                return "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Describe(tuple[i]))) + ")";
        }

        if (Numbers(value) is not { } n)
        {
            return value.ToString() ?? string.Empty;
        }

        if (n.Shape.Length == 0)
        {
            return N(n.Values[0]);
        }

        var shown = string.Join(", ", n.Values.Take(ShownValues).Select(N));
        var more = n.Values.Length > ShownValues ? $", … ({n.Values.Length} values)" : string.Empty;
        var prefix = value is Tensor || n.Shape.Length > 1 ? $"{FormatShape(n.Shape)} " : string.Empty;
        return $"{prefix}[{shown}{more}]";
    }

    /// <summary>Which edge cases an input is: "length 1", "equal values", "large values", "negative numbers", "masked positions".</summary>
    public static IReadOnlyList<string> Notes(object? input)
    {
        var parts = input is ITuple tuple ? Enumerable.Range(0, tuple.Length).Select(i => tuple[i]) : [input];
        var notes = new List<string>();
        foreach (var n in parts.Select(Numbers).OfType<(int[] Shape, double[] Values)>())
        {
            var finite = n.Values.Where(double.IsFinite).ToArray();
            if (n.Shape.Length > 0 && n.Values.Length == 1)
            {
                notes.Add("length 1");
            }

            if (n.Values.Length > 1 && n.Values.Distinct().Count() == 1)
            {
                notes.Add("equal values");
            }

            // e^88.7 is float's largest value: beyond it a softmax that does not subtract the maximum overflows.
            if (finite.Any(v => Math.Abs(v) >= 88))
            {
                notes.Add("large values");
            }

            if (finite.Any(v => v < 0))
            {
                notes.Add("negative numbers");
            }

            if (n.Values.Any(double.IsNegativeInfinity))
            {
                notes.Add("masked positions");
            }
        }

        return notes.Distinct().ToList();
    }

    // Same number, or both NaN, or the same infinity, or within tolerance relative to the expected size.
    private static bool Close(double expected, double actual, double tolerance) =>
        expected.Equals(actual) || (double.IsFinite(expected) && double.IsFinite(actual) &&
                                    Math.Abs(actual - expected) <= tolerance * Math.Max(1.0, Math.Abs(expected)));

    /// <summary>Shape and values (row-major) of anything numeric, or null for other values.</summary>
    private static (int[] Shape, double[] Values)? Numbers(object? value)
    {
        switch (value)
        {
            case double or float or int or long or short or byte or decimal:
                return ([], [Convert.ToDouble(value, CultureInfo.InvariantCulture)]);
            case Tensor t:
                return (t.Shape.ToArray(), t.ToArray().Select(v => (double)v).ToArray());
            case string:
                return null;
            case Array array when array.Rank > 1:
                var shape = Enumerable.Range(0, array.Rank).Select(array.GetLength).ToArray();
                return Numbers(array.Cast<object>().ToArray()) is { } flat ? (shape, flat.Values) : null;
            case IEnumerable items:
                var rows = items.Cast<object?>().Select(Numbers).ToList();
                if (rows.Count == 0 || rows.Any(r => r is null) || rows.Any(r => !r!.Value.Shape.SequenceEqual(rows[0]!.Value.Shape)))
                {
                    return rows.Count == 0 ? ([0], []) : null;
                }

                return ([rows.Count, .. rows[0]!.Value.Shape], rows.SelectMany(r => r!.Value.Values).ToArray());
            default:
                return null;
        }
    }

    private static string Index(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }

        return "[" + string.Join(", ", index) + "]";
    }

    private static string FormatShape(int[] shape) => "[" + string.Join(", ", shape) + "]";

    private static string N(double v) => double.IsNegativeInfinity(v) ? "−∞" : double.IsPositiveInfinity(v) ? "∞" : v.ToString("G6", CultureInfo.InvariantCulture);
}
