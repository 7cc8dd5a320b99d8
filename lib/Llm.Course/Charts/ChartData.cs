using System.Numerics;
using System.Text;

namespace Llm.Charts;

/// <summary>
/// Turns what a notebook has at hand — float[], double[], List&lt;int&gt;, float[,], a Tensor — into the
/// doubles the charts draw, and checks sizes with messages that say what to fix.
/// </summary>
internal static class ChartData
{
    /// <summary>Any numbers as doubles. Generic math (INumberBase) lets one method take float, double, int, Half….</summary>
    public static double[] ToDoubles<T>(IEnumerable<T> values)
        where T : INumberBase<T> =>
        values.Select(double.CreateTruncating).ToArray();

    public static double[,] ToMatrix(float[,] values)
    {
        var result = new double[values.GetLength(0), values.GetLength(1)];
        for (var r = 0; r < values.GetLength(0); r++)
        {
            for (var c = 0; c < values.GetLength(1); c++)
            {
                result[r, c] = values[r, c];
            }
        }

        return result;
    }

    /// <summary>A rank-2 tensor as a matrix; <paramref name="what"/> names the argument in the error.</summary>
    public static double[,] ToMatrix(Tensor tensor, string what)
    {
        if (tensor.Rank != 2)
        {
            throw new ArgumentException($"{what} needs a 2-D tensor, got shape {Shape.Format(tensor.Shape.ToArray())}; pick one matrix first (e.g. one head of an attention map).");
        }

        var (rows, columns) = (tensor.Shape[0], tensor.Shape[1]);
        var values = tensor.ToArray();
        var result = new double[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                result[r, c] = values[(r * columns) + c];
            }
        }

        return result;
    }

    /// <summary>A rank-1 tensor's values (a rank-2 tensor with one row or column also fits).</summary>
    public static double[] ToVector(Tensor tensor, string what)
    {
        if (tensor.Shape.Count(d => d != 1) > 1)
        {
            throw new ArgumentException($"{what} needs a 1-D tensor, got shape {Shape.Format(tensor.Shape.ToArray())}.");
        }

        return tensor.ToArray().Select(v => (double)v).ToArray();
    }

    /// <summary>Labels as an array, or the indices 0, 1, 2, … when none are given; the count must match.</summary>
    public static string[] Labels(IEnumerable<string>? labels, int count, string what)
    {
        if (labels is null)
        {
            return Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }

        var result = labels.ToArray();
        if (result.Length != count)
        {
            throw new ArgumentException($"There are {result.Length} {what} labels for {count} {what}s; give one label per {what}.");
        }

        return result;
    }

    /// <summary>
    /// A token made visible as a label: "\n" as ↵, a tab as →, other control characters as \x01,
    /// the empty token as ∅, and spaces as ␣ when they lead, trail or are all there is (" the" and
    /// "the" are different tokens, and a label of one space would be invisible).
    /// </summary>
    public static string Visible(string label)
    {
        if (label.Length == 0)
        {
            return "∅";
        }

        var text = new StringBuilder();
        foreach (var c in label)
        {
            text.Append(c switch
            {
                '\n' => "↵",
                '\t' => "→",
                '\r' => "␍",
                _ when char.IsControl(c) => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }

        var result = text.ToString();
        return result.StartsWith(' ') || result.EndsWith(' ') ? result.Replace(' ', '␣') : result;
    }

    /// <summary>Throws when a value is NaN or ±∞ (for charts where a gap would mislead).</summary>
    public static void RequireFinite(IEnumerable<double> values, string what)
    {
        var index = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"{what}: value {index} is {v}; only finite numbers can be drawn.");
            }

            index++;
        }
    }

    /// <summary>
    /// A one-line text picture of a series, for terminals: "▇▅▄▃▂▂▁ 2.31 → 0.52". Long series are
    /// averaged into 24 buckets.
    /// </summary>
    public static string Sparkline(IReadOnlyList<double> values)
    {
        const string bars = "▁▂▃▄▅▆▇█";
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return "(no finite values)";
        }

        var buckets = Math.Min(24, finite.Length);
        var means = Enumerable.Range(0, buckets)
            .Select(b => finite[(b * finite.Length / buckets)..((b + 1) * finite.Length / buckets)].Average())
            .ToArray();
        var (min, max) = (means.Min(), means.Max());
        var text = new StringBuilder();
        foreach (var m in means)
        {
            text.Append(max > min ? bars[(int)Math.Round((m - min) / (max - min) * (bars.Length - 1))] : bars[3]);
        }

        return $"{text} {Ticks.Compact(finite[0])} → {Ticks.Compact(finite[^1])}";
    }
}
