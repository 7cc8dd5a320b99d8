using System.Globalization;

namespace Llm.Charts;

/// <summary>
/// Tick positions that read well: steps of 1, 2 or 5 × 10ⁿ on a linear axis (Heckbert,
/// "Nice numbers for graph labels", Graphics Gems, 1990), powers of ten on a log axis.
/// </summary>
internal static class Ticks
{
    /// <summary>About <paramref name="count"/> nice ticks covering [min, max], and the step between them.</summary>
    public static (double[] Values, double Step) Linear(double min, double max, int count = 5)
    {
        if (!(max > min))
        {
            throw new ArgumentException($"Ticks need min < max, got [{min}, {max}].");
        }

        var step = NiceStep((max - min) / Math.Max(1, count));
        var decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)), 0, 15);
        var values = new List<double>();
        for (var k = Math.Ceiling((min / step) - 1e-9); k * step <= max + (step * 1e-9); k++)
        {
            // k × step, rounded to the step's decimals: 3 × 0.2 is 0.6000000000000001 in binary,
            // and the tick should be the number 0.6 (and 0, not -0).
            var value = Math.Round(k * step, decimals);
            values.Add(value == 0 ? 0 : value);
        }

        return (values.ToArray(), step);
    }

    /// <summary>1, 2 or 5 times a power of ten, the smallest not below <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>
    /// Ticks for a log axis over [min, max] (both &gt; 0): every power of ten, thinned to at most
    /// about eight; within less than one decade, the 1-2-5 multiples, which still read as round numbers.
    /// </summary>
    public static double[] Log(double min, double max)
    {
        var low = (int)Math.Floor(Math.Log10(min) + 1e-9);
        var high = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        var decades = high - low;
        var stride = Math.Max(1, (int)Math.Ceiling(decades / 8.0));
        var values = new List<double>();
        for (var e = low; e <= high; e++)
        {
            if ((e - low) % stride != 0)
            {
                continue;
            }

            foreach (var m in decades <= 2 ? new[] { 1.0, 2.0, 5.0 } : [1.0])
            {
                // 1 / 10ⁿ rather than 10⁻ⁿ: division rounds correctly, so 0.001 is exactly the double 1e-3.
                var v = m * (e >= 0 ? Math.Pow(10, e) : 1 / Math.Pow(10, -e));
                if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9))
                {
                    values.Add(v);
                }
            }
        }

        return values.ToArray();
    }

    /// <summary>A tick label with just the decimals the step needs: 0.5, 1, 1.5 — not 0.500000001.</summary>
    public static string Format(double value, double step)
    {
        var magnitude = Math.Max(Math.Abs(value), Math.Abs(step));
        if (magnitude >= 1e6 || (step < 1e-4 && value != 0))
        {
            return Scientific(value);
        }

        var decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 10);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A log-axis label: plain decimals (0.01, 1, 100) when the whole axis stays within 0.001 … 1000
    /// (<paramref name="plain"/>), powers of ten (10⁻⁵, 10⁰, 10⁶) otherwise, so one axis never mixes the two.
    /// </summary>
    public static string FormatLog(double value, bool plain)
    {
        var exponent = Math.Log10(value);
        if (plain)
        {
            return value.ToString("0.###", CultureInfo.InvariantCulture);
        }

        var rounded = Math.Round(exponent);
        if (Math.Abs(exponent - rounded) < 1e-9)
        {
            return "10" + Superscript((int)rounded);
        }

        return Scientific(value);
    }

    /// <summary>A compact label for any value (cell values, weights, tooltips): two or three significant digits.</summary>
    public static string Compact(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "−∞";
        }

        var magnitude = Math.Abs(value);
        if (value != 0 && (magnitude >= 1e5 || magnitude < 1e-3))
        {
            return Scientific(value);
        }

        // Two significant digits below 1 (0.63, 0.046), two decimals up to 10, fewer beyond.
        var format = magnitude < 1 ? "G2" : magnitude < 10 ? "0.##" : magnitude < 100 ? "0.#" : "0";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string Scientific(double value) =>
        value.ToString("0.##e0", CultureInfo.InvariantCulture);

    private static string Superscript(int n)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = Math.Abs(n).ToString(CultureInfo.InvariantCulture);
        var result = n < 0 ? "⁻" : string.Empty;
        foreach (var c in text)
        {
            result += digits[c - '0'];
        }

        return result;
    }
}
