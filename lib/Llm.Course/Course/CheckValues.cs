using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Llm.Course;

/// <summary>
/// Where two outputs first differ, in words: "Grad, element [1]: ", "0.0900306", "NaN". <see cref="Exact"/>
/// says the values were compared exactly (whole numbers, text, shapes), so no tolerance applies.
/// </summary>
internal sealed record Mismatch(string Where, string Expected, string Actual, bool Exact);

/// <summary>One edge case of an input ("negative numbers"), and the tuple part that has it (null for a plain input).</summary>
internal sealed record EdgeCase(string Note, string? Part, int Position);

/// <summary>
/// How <see cref="Exercise.CheckCode"/> compares and describes values of any kind it accepts:
/// numbers, arrays (also jagged and multi-dimensional), lists, tensors, and tuples of these.
/// A tuple's parts are called by the names the code gave them ((float Loss, float[] Grad) → "Loss",
/// "Grad"), read from the delegate's signature; unnamed parts are "item 1", "item 2", ….
/// </summary>
internal static class CheckValues
{
    private const int ShownValues = 8;

    /// <summary>
    /// The first place where <paramref name="actual"/> is not within tolerance of <paramref name="expected"/>, or null.
    /// <paramref name="names"/> names the parts of a tuple result; whole numbers must be equal.
    /// </summary>
    public static Mismatch? FirstMismatch(object? expected, object? actual, double tolerance, IReadOnlyList<string?>? names = null, string where = "")
    {
        if (expected is ITuple e && actual is ITuple a && e.Length == a.Length)
        {
            for (var i = 0; i < e.Length; i++)
            {
                if (FirstMismatch(e[i], a[i], tolerance, null, $"{where}{PartName(names, i)}, ") is { } inner)
                {
                    return inner;
                }
            }

            return null;
        }

        if (Numbers(expected) is not { } x)
        {
            return Equals(expected, actual) ? null : new Mismatch(where, Describe(expected), Describe(actual), Exact: true);
        }

        if (Numbers(actual) is not { } y)
        {
            return new Mismatch(where, Describe(expected), Describe(actual), Exact: true);
        }

        if (!x.Shape.SequenceEqual(y.Shape))
        {
            return new Mismatch($"{where}shape: ", FormatShape(x.Shape), FormatShape(y.Shape), Exact: true);
        }

        var exact = x.Whole && y.Whole;
        for (var i = 0; i < x.Values.Length; i++)
        {
            if (exact ? !x.Values[i].Equals(y.Values[i]) : !Close(x.Values[i], y.Values[i], tolerance))
            {
                var at = x.Shape.Length == 0 ? string.Empty : $"element {Index(i, x.Shape)}: ";
                return new Mismatch(where + at, N(x.Values[i]), N(y.Values[i]), exact);
            }
        }

        return null;
    }

    /// <summary>An input or output in a few words: numbers in full up to eight of them, a tuple's parts by name, a list item by item.</summary>
    public static string Describe(object? value, IReadOnlyList<string?>? names = null)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return $"\"{s}\"";
            case ITuple tuple:
                return "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i =>
                    (names is not null && i < names.Count && names[i] is { } name ? $"{name}: " : string.Empty) + Describe(tuple[i]))) + ")";
        }

        if (Numbers(value) is not { } n)
        {
            // A list of things that are not all numbers (a list of (tokens, log-probability) pairs): each item described.
            if (value is IEnumerable items)
            {
                var all = items.Cast<object?>().ToList();
                var rest = all.Count > ShownValues ? $", … ({all.Count} items)" : string.Empty;
                return "[" + string.Join(", ", all.Take(ShownValues).Select(item => Describe(item))) + rest + "]";
            }

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

    /// <summary>
    /// Which edge cases an input is: "length 1", "equal values", "large values", "negative numbers", "masked positions";
    /// for a tuple, with the parts that have them: "negative numbers in Gamma", "length 1 in X, Gamma and Beta".
    /// "Large values" are numbers whose exp overflows a float, so a whole number (a step, a count, an id) never is one.
    /// </summary>
    public static IReadOnlyList<string> Notes(object? input, IReadOnlyList<string?>? names = null) => FormatNotes(EdgeCases(input, names));

    /// <summary>The edge cases of many inputs in one list, each with every part that had it: "length 1 in X and Gamma".</summary>
    public static IReadOnlyList<string> FormatNotes(IEnumerable<EdgeCase> cases) =>
        cases.GroupBy(c => c.Note)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Any(c => c.Part is null) ? g.Key : $"{g.Key} in {Join(g.OrderBy(c => c.Position).Select(c => c.Part!).Distinct().ToList())}")
            .ToList();

    /// <summary>Each edge case of one input, with the tuple part (name and position) that has it; the part is null for a plain input.</summary>
    public static IReadOnlyList<EdgeCase> EdgeCases(object? input, IReadOnlyList<string?>? names = null)
    {
        var parts = input is ITuple tuple
            ? Enumerable.Range(0, tuple.Length).Select(i => (Name: (string?)PartName(names, i), Value: tuple[i])).ToArray()
            : [(Name: (string?)null, Value: input)];
        var cases = new List<EdgeCase>();
        for (var position = 0; position < parts.Length; position++)
        {
            if (Numbers(parts[position].Value) is not { } n)
            {
                continue;
            }

            void Add(string note) => cases.Add(new EdgeCase(note, parts[position].Name, position));
            var finite = n.Values.Where(double.IsFinite).ToArray();
            if (n.Shape.Length > 0 && n.Values.Length == 1)
            {
                Add("length 1");
            }

            if (n.Values.Length > 1 && n.Values.Distinct().Count() == 1)
            {
                Add("equal values");
            }

            // e^88.7 is float's largest value: beyond it a softmax that does not subtract the maximum overflows.
            if (!n.Whole && finite.Any(v => Math.Abs(v) >= 88))
            {
                Add("large values");
            }

            if (finite.Any(v => v < 0))
            {
                Add("negative numbers");
            }

            if (n.Values.Any(double.IsNegativeInfinity))
            {
                Add("masked positions");
            }
        }

        return cases;
    }

    /// <summary>
    /// The names the code gave a tuple's parts, or null: from a parameter's or return value's
    /// [TupleElementNames], which the compiler writes for named tuples (a lambda's too).
    /// </summary>
    public static IReadOnlyList<string?>? TupleNames(ParameterInfo? parameter)
    {
        if (parameter?.ParameterType is not { IsGenericType: true } type || !type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal))
        {
            return null;
        }

        return parameter.GetCustomAttribute<TupleElementNamesAttribute>()?.TransformNames is { Count: > 0 } names ? names.ToList() : null;
    }

    /// <summary>"X", "X and Gamma", "X, Gamma and Beta".</summary>
    private static string Join(IReadOnlyList<string> parts) =>
        parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}";

    private static string PartName(IReadOnlyList<string?>? names, int index) =>
        names is not null && index < names.Count && names[index] is { } name ? name : $"item {index + 1}";

    // Same number, or both NaN, or the same infinity, or within tolerance relative to the expected size.
    private static bool Close(double expected, double actual, double tolerance) =>
        expected.Equals(actual) || (double.IsFinite(expected) && double.IsFinite(actual) &&
                                    Math.Abs(actual - expected) <= tolerance * Math.Max(1.0, Math.Abs(expected)));

    /// <summary>Shape and values (row-major) of anything numeric, and whether they are whole numbers (int, long, …); null for other values.</summary>
    private static (int[] Shape, double[] Values, bool Whole)? Numbers(object? value)
    {
        switch (value)
        {
            case int or long or short or byte:
                return ([], [Convert.ToDouble(value, CultureInfo.InvariantCulture)], true);
            case double or float or decimal:
                return ([], [Convert.ToDouble(value, CultureInfo.InvariantCulture)], false);
            case Tensor t:
                return (t.Shape.ToArray(), t.ToArray().Select(v => (double)v).ToArray(), false);
            case string:
                return null;
            case Array array when array.Rank > 1:
                var shape = Enumerable.Range(0, array.Rank).Select(array.GetLength).ToArray();
                return Numbers(array.Cast<object>().ToArray()) is { } flat ? (shape, flat.Values, flat.Whole) : null;
            case IEnumerable items:
                var rows = items.Cast<object?>().Select(Numbers).ToList();
                if (rows.Count == 0 || rows.Any(r => r is null) || rows.Any(r => !r!.Value.Shape.SequenceEqual(rows[0]!.Value.Shape)))
                {
                    return rows.Count == 0 ? ([0], [], true) : null;
                }

                return ([rows.Count, .. rows[0]!.Value.Shape], rows.SelectMany(r => r!.Value.Values).ToArray(), rows.All(r => r!.Value.Whole));
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
