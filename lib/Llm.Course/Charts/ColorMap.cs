namespace Llm.Charts;

/// <summary>
/// Colour scales for heatmaps. Both are perceptually uniform (equal steps in value look like equal
/// steps in colour) and readable with colour-vision deficiencies; cividis was designed for that
/// (Nuñez et al., PLOS ONE, 2018), viridis is matplotlib's default.
/// </summary>
public enum ColorMap
{
    Viridis,
    Cividis,
}

/// <summary>Maps a number in [0, 1] to a colour by linear interpolation between anchor colours.</summary>
internal static class ColorMaps
{
    // Eleven evenly spaced samples of matplotlib's viridis (0.0, 0.1, …, 1.0).
    private static readonly string[] Viridis =
        ["#440154", "#482475", "#414487", "#355F8D", "#2A788E", "#21918C", "#22A884", "#44BF70", "#7AD151", "#BDDF26", "#FDE725"];

    // Ten evenly spaced samples of cividis (viridisLite::cividis(10)).
    private static readonly string[] Cividis =
        ["#00204D", "#00336F", "#39486B", "#575C6D", "#707173", "#8A8779", "#A69D75", "#C4B56C", "#E4CF5B", "#FFEA46"];

    /// <summary>The colour for <paramref name="t"/> in [0, 1] (clamped).</summary>
    public static string Color(ColorMap map, double t)
    {
        var anchors = map == ColorMap.Cividis ? Cividis : Viridis;
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        var position = t * (anchors.Length - 1);
        var i = Math.Min((int)position, anchors.Length - 2);
        var f = position - i;
        var (r0, g0, b0) = Palette.Parse(anchors[i]);
        var (r1, g1, b1) = Palette.Parse(anchors[i + 1]);
        return Palette.ToHex(Mix(r0, r1, f), Mix(g0, g1, f), Mix(b0, b1, f));
    }

    /// <summary>The plotly.js name of the same scale, for the interactive version.</summary>
    public static string PlotlyName(ColorMap map) => map == ColorMap.Cividis ? "Cividis" : "Viridis";

    private static int Mix(int a, int b, double f) => (int)Math.Round(a + ((b - a) * f));
}
