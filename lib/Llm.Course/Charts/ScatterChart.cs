using System.Text.Json.Nodes;

namespace Llm.Charts;

/// <summary>
/// Points in the plane with optional text labels: 2-D projections of embeddings (see <see cref="Pca"/>),
/// where nearby labels are tokens the model treats alike. Labels may be any text, Chinese included.
/// </summary>
public sealed class ScatterChart : Chart<ScatterChart>
{
    private const double LabelFont = 12;
    private const double Radius = 4;
    private readonly double[] x;
    private readonly double[] y;
    private readonly string[]? labels;
    private string[]? groups;

    internal ScatterChart(double[] x, double[] y, string[]? labels)
    {
        if (x.Length == 0)
        {
            throw new ArgumentException("A scatter chart needs at least one point.");
        }

        ChartData.RequireFinite(x, "Scatter x");
        ChartData.RequireFinite(y, "Scatter y");
        this.x = x;
        this.y = y;
        this.labels = labels?.Select(ChartData.Visible).ToArray();
    }

    internal override string Kind => "scatter chart";

    /// <summary>Colours the points by group (one name per point, e.g. "vowel", "consonant"), with a legend.</summary>
    public ScatterChart Groups(IEnumerable<string> groupOfEachPoint)
    {
        groups = ChartData.Labels(groupOfEachPoint, x.Length, "point");
        return this;
    }

    private protected override void Render(Svg svg)
    {
        var names = groups?.Distinct().ToArray() ?? [];
        var legend = names.Length > 0
            ? new Legend(names.Select((g, i) => (g, Palette.ForSeries(i))), LegendMark.Dot, Width - 90)
            : null;

        // Extra room at the sides so labels next to the outermost points stay inside the frame.
        var frame = new XyFrame(this, legend, new AxisRange(y.Min(), y.Max(), Pad: 0.06), new AxisRange(x.Min(), x.Max(), Pad: labels is null ? 0.04 : 0.08));
        frame.DrawGrid(svg);
        var centres = x.Select((xi, i) => (X: frame.X.Map(xi), Y: frame.Y.Map(y[i]))).ToArray();
        svg.BeginGroup("points");
        for (var i = 0; i < x.Length; i++)
        {
            var color = groups is null ? Palette.ForSeries(0) : Palette.ForSeries(Array.IndexOf(names, groups[i]));
            var name = labels is null ? string.Empty : labels[i] + " ";
            svg.Circle(centres[i].X, centres[i].Y, Radius, color, "#FFFFFF", 1, $"{name}({Ticks.Compact(x[i])}, {Ticks.Compact(y[i])})");
        }

        svg.EndGroup();
        if (labels is not null)
        {
            svg.BeginGroup("labels");
            foreach (var (lx, ly, anchor, text) in PlaceLabels(centres, frame))
            {
                svg.Text(lx, ly, text, LabelFont, anchor, "#222222", VAlign.Middle, halo: true, cssClass: "label");
            }

            svg.EndGroup();
        }

        frame.DrawAxes(svg);
    }

    private protected override JsonObject PlotlyFigure()
    {
        // One trace per group, so plotly's legend can show and hide each group.
        var names = groups?.Distinct().ToArray() ?? [string.Empty];
        var data = new JsonArray();
        for (var g = 0; g < names.Length; g++)
        {
            var members = Enumerable.Range(0, x.Length).Where(i => groups is null || groups[i] == names[g]).ToArray();
            var trace = new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = labels is null ? "markers" : "markers+text",
                ["name"] = names[g],
                ["showlegend"] = groups is not null,
                ["x"] = Plotly.Numbers(members.Select(i => x[i])),
                ["y"] = Plotly.Numbers(members.Select(i => y[i])),
                ["textposition"] = "middle right",
                ["marker"] = new JsonObject { ["size"] = 8, ["color"] = Palette.ForSeries(g) },
            };
            if (labels is not null)
            {
                trace["text"] = Plotly.Strings(members.Select(i => labels[i]));
            }

            data.Add(trace);
        }

        return Plotly.Figure(data, Plotly.Layout(this));
    }

    private protected override IEnumerable<string> Describe()
    {
        yield return $"{x.Length} points, x in [{Ticks.Compact(x.Min())}, {Ticks.Compact(x.Max())}], y in [{Ticks.Compact(y.Min())}, {Ticks.Compact(y.Max())}]";
        if (labels is not null)
        {
            yield return "labels: " + string.Join(" ", labels.Take(30)) + (labels.Length > 30 ? " …" : string.Empty);
        }
    }

    /// <summary>
    /// Puts each label right of its point, or else left, above or below — the first place that does
    /// not cover a point or a label already placed, nor leave the chart. A greedy pass, good enough for a few
    /// hundred labels; where every place is taken the label goes right anyway.
    /// </summary>
    private List<(double X, double Y, string Anchor, string Text)> PlaceLabels((double X, double Y)[] centres, XyFrame frame)
    {
        // The points themselves are obstacles too: a label must not hide another point.
        var placed = centres.Select(c => (c.X - Radius, c.Y - Radius, c.X + Radius, c.Y + Radius)).ToList();
        var result = new List<(double, double, string, string)>();
        for (var i = 0; i < centres.Length; i++)
        {
            var text = TextMetrics.Fit(labels![i], LabelFont, 120);
            var w = TextMetrics.Width(text, LabelFont);
            var h = LabelFont * 1.1;
            var (cx, cy) = centres[i];
            (double X, double Y, string Anchor, (double, double, double, double) Box)[] candidates =
            [
                (cx + Radius + 3, cy, "start", (cx + Radius + 3, cy - (h / 2), cx + Radius + 3 + w, cy + (h / 2))),
                (cx - Radius - 3, cy, "end", (cx - Radius - 3 - w, cy - (h / 2), cx - Radius - 3, cy + (h / 2))),
                (cx, cy - Radius - (h / 2) - 1, "middle", (cx - (w / 2), cy - Radius - h - 1, cx + (w / 2), cy - Radius - 1)),
                (cx, cy + Radius + (h / 2) + 1, "middle", (cx - (w / 2), cy + Radius + 1, cx + (w / 2), cy + Radius + h + 1)),
            ];
            var choice = candidates.FirstOrDefault(c => Inside(c.Box, frame) && !placed.Any(p => Overlap(p, c.Box)));
            if (choice.Anchor is null)
            {
                choice = candidates.FirstOrDefault(c => Inside(c.Box, frame), candidates[0]);
            }

            placed.Add(choice.Box);
            result.Add((choice.X, choice.Y, choice.Anchor, text));
        }

        return result;
    }

    private bool Inside((double X0, double Y0, double X1, double Y1) box, XyFrame frame) =>
        box.X0 >= frame.Left && box.X1 <= Width - 4 && box.Y0 >= frame.Top - 4 && box.Y1 <= frame.Bottom;

    private static bool Overlap((double X0, double Y0, double X1, double Y1) a, (double X0, double Y0, double X1, double Y1) b) =>
        a.X0 < b.X1 && b.X0 < a.X1 && a.Y0 < b.Y1 && b.Y0 < a.Y1;
}
