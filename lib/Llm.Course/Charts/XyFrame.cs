namespace Llm.Charts;

/// <summary>The data range of one numeric axis; <paramref name="Pad"/> is the share of the range left free at each end.</summary>
internal readonly record struct AxisRange(double Min, double Max, bool Log = false, double Pad = 0.04);

/// <summary>
/// The frame that line, scatter and bar charts share: title, legend, plot area, axes with ticks,
/// grid and axis labels. It first sizes the margins from the labels they must hold (so nothing is
/// clipped), then maps data to pixels through <see cref="X"/> and <see cref="Y"/>.
/// </summary>
internal sealed class XyFrame
{
    public const double TickFont = 11;
    private const double LabelFont = 13;
    private const double TitleFont = 15;
    private const double Outer = 10;
    private const double TickLength = 4;
    private const double CategoryLabelMax = 90;

    private readonly Chart chart;
    private readonly Legend? legend;
    private readonly double legendTop;
    private readonly IReadOnlyList<(double Value, string Label)> xTicks;
    private readonly IReadOnlyList<(double Value, string Label)> yTicks;
    private readonly string[]? categories;
    private readonly bool rotateCategories;
    private readonly int categoryStride;

    public XyFrame(Chart chart, Legend? legend, AxisRange y, AxisRange? x, IReadOnlyList<string>? categories = null)
    {
        this.chart = chart;
        this.legend = legend;
        double width = chart.Width;
        double height = chart.Height;

        // Top: title, then the legend rows, then room for half of the top tick label.
        var top = Outer;
        if (chart.TitleText is not null)
        {
            top += TitleFont + 10;
        }

        legendTop = top;
        top += (legend?.Height ?? 0) + 8;

        // Bottom: tick labels (horizontal numbers, or category names that may need a slant), axis label.
        var bottom = height - Outer - (chart.XLabelText is null ? 0 : LabelFont + 8);
        double widest = 0;
        if (categories is not null)
        {
            this.categories = categories.Select(c => TextMetrics.Fit(c, TickFont, CategoryLabelMax)).ToArray();
            var band = (width - 90) / Math.Max(1, categories.Count);
            widest = this.categories.Select(c => TextMetrics.Width(c, TickFont)).DefaultIfEmpty(0).Max();
            rotateCategories = widest + 6 > band;

            // Slanted at 45°, neighbours are band·sin 45° apart; keep every k-th so that is at least 1.5 lines.
            categoryStride = rotateCategories ? Math.Max(1, (int)Math.Ceiling(TickFont * 1.5 / (band * 0.707))) : 1;
            bottom -= TickLength + 4 + (rotateCategories ? (widest + TickFont) * 0.707 : TickFont);
        }
        else
        {
            bottom -= TickLength + 4 + TickFont;
        }

        Top = top;
        Bottom = bottom;
        Y = Scale.Create(y.Min, y.Max, bottom, top, y.Log, y.Pad);
        yTicks = Y.Ticks(Math.Clamp((int)((bottom - top) / 45), 2, 8)).Where(t => t.Value >= Y.Min && t.Value <= Y.Max).ToArray();

        // Left: the axis label, then the widest tick label.
        var widestTick = yTicks.Select(t => TextMetrics.Width(t.Label, TickFont)).DefaultIfEmpty(0).Max();
        Left = Outer + (chart.YLabelText is null ? 0 : LabelFont + 10) + widestTick + TickLength + 4;
        if (rotateCategories)
        {
            // The first slanted label reaches down-left from its tick; keep it inside the chart.
            Left = Math.Max(Left, Outer + (widest * 0.72) - 6);
        }

        Right = width - Outer - 8;
        if (x is { } range)
        {
            X = Scale.Create(range.Min, range.Max, Left, Right, range.Log, range.Pad);
            xTicks = X.Ticks(Math.Clamp((int)((Right - Left) / 80), 2, 10)).Where(t => t.Value >= X.Min && t.Value <= X.Max).ToArray();
        }
        else
        {
            X = Scale.Exact(-0.5, Math.Max(1, categories?.Count ?? 1) - 0.5, Left, Right);
            xTicks = [];
        }
    }

    public Scale X { get; }

    public Scale Y { get; }

    public double Left { get; }

    public double Right { get; }

    public double Top { get; }

    public double Bottom { get; }

    /// <summary>The grid, drawn first so that the data lies over it.</summary>
    public void DrawGrid(Svg svg)
    {
        svg.BeginGroup("grid");
        foreach (var (value, _) in yTicks)
        {
            svg.Line(Left, Y.Map(value), Right, Y.Map(value), "#E5E5E5");
        }

        foreach (var (value, _) in xTicks)
        {
            svg.Line(X.Map(value), Top, X.Map(value), Bottom, "#F0F0F0");
        }

        svg.EndGroup();
    }

    /// <summary>Axes, ticks, tick labels, axis labels, title and legend, drawn over the data.</summary>
    public void DrawAxes(Svg svg)
    {
        svg.BeginGroup("axes");
        svg.Line(Left, Bottom, Right, Bottom, "#444444");
        svg.Line(Left, Top, Left, Bottom, "#444444");
        foreach (var (value, label) in yTicks)
        {
            var y = Y.Map(value);
            svg.Line(Left - TickLength, y, Left, y, "#444444");
            svg.Text(Left - TickLength - 3, y, label, TickFont, "end", "#444444", VAlign.Middle, cssClass: "tick");
        }

        foreach (var (value, label) in xTicks)
        {
            var x = X.Map(value);
            svg.Line(x, Bottom, x, Bottom + TickLength, "#444444");
            svg.Text(x, Bottom + TickLength + 3, label, TickFont, "middle", "#444444", VAlign.Top, cssClass: "tick");
        }

        DrawCategories(svg);
        if (chart.XLabelText is not null)
        {
            svg.Text((Left + Right) / 2, chart.Height - Outer - 2, chart.XLabelText, LabelFont, "middle", cssClass: "xlabel");
        }

        if (chart.YLabelText is not null)
        {
            var x = Outer + LabelFont - 2;
            svg.Text(x, (Top + Bottom) / 2, chart.YLabelText, LabelFont, "middle", rotate: -90, cssClass: "ylabel");
        }

        if (chart.TitleText is not null)
        {
            svg.Text(chart.Width / 2.0, Outer + TitleFont - 2, chart.TitleText, TitleFont, "middle", bold: true, cssClass: "title");
        }

        legend?.Draw(svg, Left, legendTop);
        svg.EndGroup();
    }

    /// <summary>A small grey remark in the bottom-right corner (e.g. how many values were skipped).</summary>
    public void Note(Svg svg, string text) =>
        svg.Text(chart.Width - Outer, chart.Height - 3, text, 10, "end", "#777777", cssClass: "note");

    private void DrawCategories(Svg svg)
    {
        if (categories is null)
        {
            return;
        }

        for (var i = 0; i < categories.Length; i += categoryStride)
        {
            var x = X.Map(i);
            svg.Line(x, Bottom, x, Bottom + TickLength, "#444444");
            if (rotateCategories)
            {
                svg.Text(x + 3, Bottom + TickLength + 6, categories[i], TickFont, "end", "#222222", VAlign.Middle, rotate: -45, cssClass: "category");
            }
            else
            {
                svg.Text(x, Bottom + TickLength + 3, categories[i], TickFont, "middle", "#222222", VAlign.Top, cssClass: "category");
            }
        }
    }
}
