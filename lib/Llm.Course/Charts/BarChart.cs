using System.Text.Json.Nodes;

namespace Llm.Charts;

/// <summary>
/// Bars with text labels: next-token probabilities with their tokens, or several groups side by
/// side (softmax at temperatures 0.5, 1 and 2). Negative values (logits) hang below zero.
/// </summary>
public sealed class BarChart : Chart<BarChart>
{
    private string[] labels;
    private List<(string Name, double[] Values)> groups;
    private bool? annotate;

    internal BarChart(string[] labels, List<(string Name, double[] Values)> groups)
    {
        if (labels.Length == 0 || groups.Count == 0)
        {
            throw new ArgumentException("A bar chart needs at least one bar.");
        }

        foreach (var (name, values) in groups)
        {
            if (values.Length != labels.Length)
            {
                throw new ArgumentException($"There are {labels.Length} labels but {values.Length} values{(name.Length > 0 ? $" in '{name}'" : string.Empty)}; give one label per bar.");
            }

            ChartData.RequireFinite(values, name.Length > 0 ? $"Bar values of '{name}'" : "Bar values");
        }

        this.labels = labels.Select(ChartData.Visible).ToArray();
        this.groups = groups;
    }

    internal override string Kind => "bar chart";

    internal IReadOnlyList<string> Labels => labels;

    /// <summary>
    /// Keeps the <paramref name="k"/> largest bars (of the first group), largest first: the top of a
    /// next-token distribution over a vocabulary too large to show whole.
    /// </summary>
    public BarChart Top(int k)
    {
        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"Top needs k ≥ 1, got {k}.");
        }

        var order = Enumerable.Range(0, labels.Length).OrderByDescending(i => groups[0].Values[i]).Take(k).ToArray();
        labels = order.Select(i => labels[i]).ToArray();
        groups = groups.Select(g => (g.Name, order.Select(i => g.Values[i]).ToArray())).ToList();
        return this;
    }

    /// <summary>Writes each bar's value above it (by default, only when bars are wide enough and few).</summary>
    public BarChart Annotate(bool on = true)
    {
        annotate = on;
        return this;
    }

    private protected override void Render(Svg svg)
    {
        var all = groups.SelectMany(g => g.Values).ToArray();

        // Bars start at zero, so zero is always on the axis; headroom above for the value labels.
        var (min, max) = (Math.Min(0, all.Min()), Math.Max(0, all.Max()));
        var headroom = (max > min ? max - min : 1) * 0.08;
        var legend = groups.Count > 1 || groups[0].Name.Length > 0
            ? new Legend(groups.Select((g, i) => (g.Name, Palette.ForSeries(i))), LegendMark.Box, Width - 90)
            : null;
        var frame = new XyFrame(this, legend, new AxisRange(min < 0 ? min - headroom : 0, max > 0 ? max + headroom : 0, Pad: 0), null, labels);
        frame.DrawGrid(svg);

        var band = frame.X.Map(1) - frame.X.Map(0);
        var barWidth = band * 0.8 / groups.Count;
        var show = annotate ?? (labels.Length * groups.Count <= 30 && barWidth >= 20);
        var zero = frame.Y.Map(0);
        for (var g = 0; g < groups.Count; g++)
        {
            svg.BeginGroup("bars", $"data-name=\"{Display.Html.Escape(groups[g].Name)}\"");
            for (var i = 0; i < labels.Length; i++)
            {
                var value = groups[g].Values[i];
                var x = frame.X.Map(i) - (band * 0.4) + (g * barWidth);
                var y = frame.Y.Map(value);
                var name = groups[g].Name.Length > 0 ? $" ({groups[g].Name})" : string.Empty;
                svg.Rect(x, Math.Min(y, zero), barWidth, Math.Abs(zero - y), Palette.ForSeries(g), tooltip: $"{labels[i]}{name}: {Ticks.Compact(value)}");
                if (show && ValueLabel(value, barWidth + 4) is { } text)
                {
                    var labelY = value >= 0 ? y - 3 : y + 3;
                    svg.Text(x + (barWidth / 2), labelY, text, 10, "middle", "#333333", value >= 0 ? VAlign.Baseline : VAlign.Top, cssClass: "value");
                }
            }

            svg.EndGroup();
        }

        svg.Line(frame.Left, zero, frame.Right, zero, "#444444");
        frame.DrawAxes(svg);
    }

    private protected override JsonObject PlotlyFigure()
    {
        var data = new JsonArray();
        for (var g = 0; g < groups.Count; g++)
        {
            data.Add(new JsonObject
            {
                ["type"] = "bar",
                ["name"] = groups[g].Name,
                ["x"] = Plotly.Numbers(Enumerable.Range(0, labels.Length).Select(i => (double)i)),
                ["y"] = Plotly.Numbers(groups[g].Values),
                ["hovertext"] = Plotly.Strings(labels),
                ["marker"] = new JsonObject { ["color"] = Palette.ForSeries(g) },
            });
        }

        var layout = Plotly.Layout(this);
        layout["barmode"] = "group";
        Plotly.CategoryTicks(layout["xaxis"]!, labels);
        return Plotly.Figure(data, layout);
    }

    /// <summary>The value as a label no wider than its bar: two significant digits, else two decimals, else none.</summary>
    private static string? ValueLabel(double value, double maxWidth) =>
        new[] { Ticks.Compact(value), value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) }
            .FirstOrDefault(text => TextMetrics.Width(text, 10) <= maxWidth);

    private protected override IEnumerable<string> Describe() =>
        groups.Select(g => (g.Name.Length > 0 ? g.Name + ": " : string.Empty) +
            string.Join("  ", labels.Take(12).Select((l, i) => $"{l} {Ticks.Compact(g.Values[i])}")) +
            (labels.Length > 12 ? $"  … ({labels.Length} bars)" : string.Empty));
}
