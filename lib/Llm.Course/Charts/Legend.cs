namespace Llm.Charts;

/// <summary>How a legend entry shows its series: a line, a filled square (bars) or a dot (points).</summary>
internal enum LegendMark
{
    Line,
    Box,
    Dot,
}

/// <summary>
/// A legend laid out in rows between the title and the plot, wrapping when it is wide.
/// Above the plot, it never hides data (a legend inside the frame may cover a curve).
/// </summary>
internal sealed class Legend
{
    public const double RowHeight = 18;
    private const double FontSize = 12;
    private const double SwatchWidth = 18;
    private const double Gap = 18;

    private readonly List<List<(string Name, string Color, double Width)>> rows = [];
    private readonly LegendMark mark;

    public Legend(IEnumerable<(string Name, string Color)> items, LegendMark mark, double maxWidth)
    {
        this.mark = mark;
        var row = new List<(string, string, double)>();
        double used = 0;
        foreach (var (name, color) in items)
        {
            var label = TextMetrics.Fit(name, FontSize, maxWidth - SwatchWidth - 6);
            var width = SwatchWidth + 6 + TextMetrics.Width(label, FontSize);
            if (row.Count > 0 && used + Gap + width > maxWidth)
            {
                rows.Add(row);
                row = [];
                used = 0;
            }

            used += (row.Count > 0 ? Gap : 0) + width;
            row.Add((label, color, width));
        }

        if (row.Count > 0)
        {
            rows.Add(row);
        }
    }

    public double Height => rows.Count * RowHeight;

    /// <summary>Draws the rows, the first one centred on <paramref name="top"/> + half a row.</summary>
    public void Draw(Svg svg, double left, double top)
    {
        svg.BeginGroup("legend");
        for (var r = 0; r < rows.Count; r++)
        {
            var y = top + (r * RowHeight) + (RowHeight / 2);
            var x = left;
            foreach (var (name, color, width) in rows[r])
            {
                switch (mark)
                {
                    case LegendMark.Line:
                        svg.Line(x, y, x + SwatchWidth, y, color, 2.5);
                        break;
                    case LegendMark.Box:
                        svg.Rect(x + 4, y - 5, 10, 10, color);
                        break;
                    default:
                        svg.Circle(x + 9, y, 4.5, color);
                        break;
                }

                svg.Text(x + SwatchWidth + 6, y, name, FontSize, align: VAlign.Middle);
                x += width + Gap;
            }
        }

        svg.EndGroup();
    }
}
