using System.Globalization;

namespace Llm.Charts;

/// <summary>
/// Colours that stay distinguishable for readers with colour-vision deficiencies.
/// Series use the Okabe–Ito palette (Okabe &amp; Ito, "Color Universal Design", 2008).
/// </summary>
public static class Palette
{
    /// <summary>
    /// Okabe–Ito, reordered so the first colours have the strongest contrast on white
    /// (yellow, the faintest, comes last but one).
    /// </summary>
    public static IReadOnlyList<string> Series { get; } =
    [
        "#0072B2", // blue
        "#D55E00", // vermillion
        "#009E73", // bluish green
        "#E69F00", // orange
        "#CC79A7", // reddish purple
        "#56B4E9", // sky blue
        "#F0E442", // yellow
        "#000000", // black
    ];

    /// <summary>The colour of series number <paramref name="index"/> (wrapping around).</summary>
    public static string ForSeries(int index) => Series[index % Series.Count];

    /// <summary>Black or white, whichever reads better on <paramref name="background"/> (#rrggbb).</summary>
    internal static string TextOn(string background)
    {
        var (r, g, b) = Parse(background);

        // Relative luminance with the sRGB coefficients of ITU-R BT.709, on gamma-encoded values:
        // good enough to choose between black and white.
        var luminance = (0.2126 * r) + (0.7152 * g) + (0.0722 * b);
        return luminance > 140 ? "#000000" : "#FFFFFF";
    }

    internal static (int R, int G, int B) Parse(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    internal static string ToHex(int r, int g, int b) => $"#{r:X2}{g:X2}{b:X2}";
}
