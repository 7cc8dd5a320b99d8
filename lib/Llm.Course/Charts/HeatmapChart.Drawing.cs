namespace Llm.Charts;

/// <summary>The drawing of a heatmap: margins from the labels, cells, labels, colour bar.</summary>
public sealed partial class HeatmapChart
{
    private const double Outer = 10;
    private const double TickFont = 11;
    private const double LabelFont = 13;
    private const double TitleFont = 15;
    private const double BarWidth = 12;

    // Above this many cells an embedded image replaces one rectangle per cell (see Png).
    private const int MaxVectorCells = 1600;

    private protected override void Render(Svg svg)
    {
        var (min, max) = ColorRange();

        // Margins from the labels: rows on the left, columns below (slanted to vertical when wide).
        var top = Outer + (TitleText is null ? 0 : TitleFont + 10) + 4;
        var rowWidth = rowLabels.Max(l => TextMetrics.Width(TextMetrics.Fit(l, TickFont, 100), TickFont));
        var columnWidth = columnLabels.Max(l => TextMetrics.Width(TextMetrics.Fit(l, TickFont, 100), TickFont));
        var left = Outer + (YLabelText is null ? 0 : LabelFont + 10) + rowWidth + 6;
        var barLabels = Ticks.Linear(min, max, 5);
        var right = 14 + BarWidth + 5 + barLabels.Values.Max(v => TextMetrics.Width(Ticks.Format(v, barLabels.Step), TickFont)) + Outer;
        var availableWidth = Width - left - right;

        // Column labels stand upright when they are wider than a cell; that takes height, which
        // shrinks the cells, so decide on the final cell size.
        var (cellWidth, cellHeight) = CellSize(availableWidth, Height - top - Bottom(false, columnWidth));
        var vertical = columnWidth + 4 > cellWidth;
        if (vertical)
        {
            (cellWidth, cellHeight) = CellSize(availableWidth, Height - top - Bottom(true, columnWidth));
        }

        var mapLeft = left + ((availableWidth - (cellWidth * Columns)) / 2);
        var (mapWidth, mapHeight) = (cellWidth * Columns, cellHeight * Rows);

        DrawCells(svg, mapLeft, top, cellWidth, cellHeight, min, max);
        DrawLabels(svg, mapLeft, top, cellWidth, cellHeight, vertical);
        DrawColorBar(svg, mapLeft + mapWidth + 14, top, mapHeight, min, max);

        if (TitleText is not null)
        {
            svg.Text(Width / 2.0, Outer + TitleFont - 2, TitleText, TitleFont, "middle", bold: true, cssClass: "title");
        }

        if (XLabelText is not null)
        {
            svg.Text(mapLeft + (mapWidth / 2), Height - Outer - 2, XLabelText, LabelFont, "middle", cssClass: "xlabel");
        }

        if (YLabelText is not null)
        {
            // Beside the row labels, which is where the map is once centred, not at the chart's edge.
            svg.Text(mapLeft - 5 - rowWidth - 8, top + (mapHeight / 2), YLabelText, LabelFont, "middle", rotate: -90, cssClass: "ylabel");
        }

        if (Cells().Any(v => !double.IsFinite(v)))
        {
            svg.Text(Width - Outer, Height - 3, "grey: NaN or ±∞", 10, "end", "#777777", cssClass: "note");
        }
    }

    private double Bottom(bool verticalLabels, double columnWidth) =>
        Outer + (XLabelText is null ? 0 : LabelFont + 8) + 6 + (verticalLabels ? columnWidth : TickFont);

    /// <summary>Cells are square when the space allows, never more than 3:1, never larger than 64 px.</summary>
    private (double Width, double Height) CellSize(double availableWidth, double availableHeight)
    {
        var width = Math.Min(Math.Min(availableWidth / Columns, 3 * availableHeight / Rows), 64);
        var height = Math.Min(Math.Min(availableHeight / Rows, 3 * availableWidth / Columns), 64);
        return width / height is > 0.5 and < 2 ? (Math.Min(width, height), Math.Min(width, height)) : (width, height);
    }

    private void DrawCells(Svg svg, double left, double top, double cellWidth, double cellHeight, double min, double max)
    {
        // crispEdges: no anti-aliased seams where neighbouring cells meet at fractional pixels.
        svg.BeginGroup("cells", "shape-rendering=\"crispEdges\"");
        if (Rows * Columns > MaxVectorCells)
        {
            var rgb = new byte[Rows * Columns * 3];
            for (var r = 0; r < Rows; r++)
            {
                for (var c = 0; c < Columns; c++)
                {
                    var (red, green, blue) = Palette.Parse(CellColor(values[r, c], min, max));
                    var at = ((r * Columns) + c) * 3;
                    (rgb[at], rgb[at + 1], rgb[at + 2]) = ((byte)red, (byte)green, (byte)blue);
                }
            }

            svg.Image(left, top, cellWidth * Columns, cellHeight * Rows, Png.Encode(Columns, Rows, rgb));
            svg.EndGroup();
            return;
        }

        var show = ShowValues(cellWidth, cellHeight);
        var fontSize = Math.Min(11, cellHeight * 0.6);
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                var (x, y) = (left + (c * cellWidth), top + (r * cellHeight));
                var color = CellColor(values[r, c], min, max);
                var value = Ticks.Compact(values[r, c]);
                svg.Rect(x, y, cellWidth, cellHeight, color, tooltip: $"{rowLabels[r]} → {columnLabels[c]}: {value}");
                if (show)
                {
                    svg.Text(x + (cellWidth / 2), y + (cellHeight / 2), TextMetrics.Fit(value, fontSize, cellWidth - 2), fontSize, "middle", Palette.TextOn(color), VAlign.Middle, cssClass: "value");
                }
            }
        }

        svg.EndGroup();
    }

    private void DrawLabels(Svg svg, double left, double top, double cellWidth, double cellHeight, bool vertical)
    {
        // Labels closer than a line of text apart: keep every k-th.
        var rowStride = Math.Max(1, (int)Math.Ceiling(TickFont * 1.1 / cellHeight));
        var columnStride = vertical ? Math.Max(1, (int)Math.Ceiling(TickFont * 1.1 / cellWidth)) : 1;
        svg.BeginGroup("row-labels");
        for (var r = 0; r < Rows; r += rowStride)
        {
            svg.Text(left - 5, top + ((r + 0.5) * cellHeight), TextMetrics.Fit(rowLabels[r], TickFont, 100), TickFont, "end", align: VAlign.Middle);
        }

        svg.EndGroup();
        svg.BeginGroup("column-labels");
        var below = top + (Rows * cellHeight) + 5;
        for (var c = 0; c < Columns; c += columnStride)
        {
            var x = left + ((c + 0.5) * cellWidth);
            var label = TextMetrics.Fit(columnLabels[c], TickFont, 100);
            if (vertical)
            {
                svg.Text(x, below, label, TickFont, "end", align: VAlign.Middle, rotate: -90);
            }
            else
            {
                svg.Text(x, below, label, TickFont, "middle", align: VAlign.Top);
            }
        }

        svg.EndGroup();
    }

    /// <summary>The legend of the colours: a vertical strip from min (bottom) to max (top) with ticks.</summary>
    private void DrawColorBar(Svg svg, double left, double top, double height, double min, double max)
    {
        const int steps = 64;
        svg.BeginGroup("colorbar");
        for (var i = 0; i < steps; i++)
        {
            // Overlap each strip by a pixel so no hairline gaps show between them.
            var y = top + (height * (steps - 1 - i) / steps);
            svg.Rect(left, y, BarWidth, (height / steps) + 1, ColorMaps.Color(colorMap, (i + 0.5) / steps));
        }

        svg.Rect(left, top, BarWidth, height, "none", "#444444");
        var scale = Scale.Exact(min, max, top + height, top);
        var (ticks, step) = Ticks.Linear(min, max, Math.Clamp((int)(height / 40), 2, 6));
        foreach (var value in ticks)
        {
            var y = scale.Map(value);
            svg.Line(left + BarWidth, y, left + BarWidth + 3, y, "#444444");
            svg.Text(left + BarWidth + 5, y, Ticks.Format(value, step), TickFont, "start", "#444444", VAlign.Middle, cssClass: "tick");
        }

        svg.EndGroup();
    }
}
