using System.Numerics;
using System.Text.Json.Nodes;

namespace Llm.Charts;

/// <summary>
/// Curves over steps: loss curves, learning-rate schedules. Each series has its own x values, so
/// a validation loss measured every 100 steps sits on the same axis as the training loss of every step.
/// NaN and ±∞ (and values ≤ 0 on a log axis) are skipped: the curve breaks there and a note says how many.
/// </summary>
public sealed class LineChart : Chart<LineChart>
{
    private readonly List<(string Name, double[] X, double[] Y)> series = [];
    private bool logY;

    internal LineChart()
    {
    }

    internal override string Kind => "line chart";

    /// <summary>The series so far: name, x and y values.</summary>
    internal IReadOnlyList<(string Name, double[] X, double[] Y)> SeriesData => series;

    /// <summary>Adds a series with y values at x = 0, 1, 2, …</summary>
    public LineChart Add<T>(string name, IEnumerable<T> y)
        where T : INumberBase<T>
    {
        var values = ChartData.ToDoubles(y);
        return Add(name, Enumerable.Range(0, values.Length).Select(i => (double)i).ToArray(), values);
    }

    /// <summary>Adds a series with its own x values (steps, epochs, learning rates).</summary>
    public LineChart Add<TX, TY>(string name, IEnumerable<TX> x, IEnumerable<TY> y)
        where TX : INumberBase<TX>
        where TY : INumberBase<TY>
    {
        var xs = ChartData.ToDoubles(x);
        var ys = ChartData.ToDoubles(y);
        if (xs.Length != ys.Length)
        {
            throw new ArgumentException($"Series '{name}' has {xs.Length} x values but {ys.Length} y values; they must pair up.");
        }

        series.Add((name, xs, ys));
        return this;
    }

    /// <summary>A logarithmic y axis (ticks at powers of ten): losses spanning decades, learning rates.</summary>
    public LineChart LogY(bool on = true)
    {
        logY = on;
        return this;
    }

    private protected override void Render(Svg svg)
    {
        var (segments, skipped) = Segments();
        var points = segments.SelectMany(s => s.Segments.SelectMany(p => p)).ToArray();
        if (points.Length == 0)
        {
            throw new ArgumentException(series.Count == 0 || series.All(s => s.Y.Length == 0)
                ? "A line chart needs at least one value."
                : "A line chart needs at least one finite value" + (logY ? " above zero (log axis)." : "."));
        }

        var legend = series.Count > 1 || series[0].Name.Length > 0
            ? new Legend(series.Select((s, i) => (s.Name, Palette.ForSeries(i))), LegendMark.Line, Width - 90)
            : null;
        var frame = new XyFrame(
            this,
            legend,
            new AxisRange(points.Min(p => p.Y), points.Max(p => p.Y), logY),
            new AxisRange(points.Min(p => p.X), points.Max(p => p.X), Pad: 0.02));
        frame.DrawGrid(svg);
        for (var i = 0; i < segments.Count; i++)
        {
            var color = Palette.ForSeries(i);
            svg.BeginGroup("series", $"data-name=\"{Display.Html.Escape(segments[i].Name)}\"");
            var few = segments[i].Segments.Sum(s => s.Count) <= 25;
            foreach (var segment in segments[i].Segments)
            {
                var pixels = segment.Select(p => (frame.X.Map(p.X), frame.Y.Map(p.Y))).ToArray();
                if (pixels.Length > 1)
                {
                    svg.Polyline(pixels, color, 2);
                }

                // A lone point has no line to show it, and a short series reads better with its points marked.
                if (pixels.Length == 1 || few)
                {
                    foreach (var (x, y) in pixels)
                    {
                        svg.Circle(x, y, 3, color);
                    }
                }
            }

            svg.EndGroup();
        }

        frame.DrawAxes(svg);
        if (skipped > 0)
        {
            frame.Note(svg, $"{skipped} value{(skipped == 1 ? " was" : "s were")} skipped ({(logY ? "NaN, ±∞ or ≤ 0 on the log axis" : "NaN or ±∞")})");
        }
    }

    private protected override JsonObject PlotlyFigure()
    {
        var data = new JsonArray();
        for (var i = 0; i < series.Count; i++)
        {
            var (name, x, y) = series[i];
            data.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = y.Length <= 25 ? "lines+markers" : "lines",
                ["name"] = name,
                ["x"] = Plotly.Numbers(x),
                ["y"] = Plotly.Numbers(y.Select(v => logY && v <= 0 ? double.NaN : v)),
                ["line"] = new JsonObject { ["color"] = Palette.ForSeries(i), ["width"] = 2 },
            });
        }

        return Plotly.Figure(data, Plotly.Layout(this, logY));
    }

    private protected override IEnumerable<string> Describe() =>
        series.Select(s => $"{(s.Name.Length > 0 ? s.Name : "series")}: {ChartData.Sparkline(s.Y)} ({s.Y.Length} points)");

    /// <summary>Each series split into runs of drawable points; a skipped value ends a run.</summary>
    private (List<(string Name, List<List<(double X, double Y)>> Segments)> Series, int Skipped) Segments()
    {
        var result = new List<(string, List<List<(double, double)>>)>();
        var skipped = 0;
        foreach (var (name, xs, ys) in series)
        {
            var runs = new List<List<(double, double)>> { new() };
            for (var i = 0; i < ys.Length; i++)
            {
                if (double.IsFinite(xs[i]) && double.IsFinite(ys[i]) && (!logY || ys[i] > 0))
                {
                    runs[^1].Add((xs[i], ys[i]));
                }
                else
                {
                    skipped++;
                    if (runs[^1].Count > 0)
                    {
                        runs.Add([]);
                    }
                }
            }

            result.Add((name, runs.Where(r => r.Count > 0).ToList()));
        }

        return (result, skipped);
    }
}
