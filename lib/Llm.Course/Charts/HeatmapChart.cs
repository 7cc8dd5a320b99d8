using System.Text.Json.Nodes;

namespace Llm.Charts;

/// <summary>
/// A matrix as coloured cells with row and column labels and a colour bar: attention weights
/// (rows: queries, columns: keys), positional encodings, embedding matrices. NaN and ±∞ cells
/// (e.g. masked attention scores) are drawn grey. Small maps show each cell's value.
/// </summary>
public sealed partial class HeatmapChart : Chart<HeatmapChart>
{
    private const string MissingColor = "#D9D9D9";

    private readonly double[,] values;
    private readonly string[] rowLabels;
    private readonly string[] columnLabels;
    private ColorMap colorMap = ColorMap.Viridis;
    private (double Min, double Max)? range;
    private bool? annotate;

    internal HeatmapChart(double[,] values, IEnumerable<string>? rowLabels, IEnumerable<string>? columnLabels)
    {
        if (values.GetLength(0) == 0 || values.GetLength(1) == 0)
        {
            throw new ArgumentException($"A heatmap needs at least one row and one column, got {values.GetLength(0)}×{values.GetLength(1)}.");
        }

        this.values = values;
        this.rowLabels = ChartData.Labels(rowLabels, Rows, "row").Select(ChartData.Visible).ToArray();
        this.columnLabels = ChartData.Labels(columnLabels, Columns, "column").Select(ChartData.Visible).ToArray();
    }

    internal override string Kind => "heatmap";

    internal int Rows => values.GetLength(0);

    internal int Columns => values.GetLength(1);

    /// <summary>The colour scale (viridis by default; cividis is the safest for colour-vision deficiencies).</summary>
    public HeatmapChart Colors(ColorMap map)
    {
        colorMap = map;
        return this;
    }

    /// <summary>Fixes the values at the two ends of the colour scale, e.g. 0 and 1 for attention weights.</summary>
    public HeatmapChart Range(double min, double max)
    {
        if (!(max > min))
        {
            throw new ArgumentException($"Range needs min < max, got [{min}, {max}].");
        }

        range = (min, max);
        return this;
    }

    /// <summary>Writes each cell's value in it (by default, only when the cells are large enough to read).</summary>
    public HeatmapChart Annotate(bool on = true)
    {
        annotate = on;
        return this;
    }

    private protected override JsonObject PlotlyFigure()
    {
        var (min, max) = ColorRange();

        var trace = new JsonObject
        {
            ["type"] = "heatmap",
            ["z"] = Plotly.Rows(values),
            ["x"] = Plotly.Numbers(Enumerable.Range(0, Columns).Select(c => (double)c)),
            ["y"] = Plotly.Numbers(Enumerable.Range(0, Rows).Select(r => (double)r)),
            ["colorscale"] = ColorMaps.PlotlyName(colorMap),
            ["zmin"] = min,
            ["zmax"] = max,
        };
        if (ShowValues(Width / (double)Columns, Height / (double)Rows))
        {
            trace["texttemplate"] = "%{z:.2f}";
        }

        var layout = Plotly.Layout(this);
        Plotly.CategoryTicks(layout["xaxis"]!, columnLabels);
        Plotly.CategoryTicks(layout["yaxis"]!, rowLabels);
        layout["yaxis"]!["autorange"] = "reversed"; // row 0 at the top, as in the matrix
        return Plotly.Figure([trace], layout);
    }

    private protected override IEnumerable<string> Describe()
    {
        var finite = Cells().Where(double.IsFinite).DefaultIfEmpty(double.NaN).ToArray();
        yield return $"{Rows}×{Columns} values in [{Ticks.Compact(finite.Min())}, {Ticks.Compact(finite.Max())}]";
        yield return "rows: " + string.Join(" ", rowLabels.Take(20)) + (Rows > 20 ? " …" : string.Empty);
        yield return "columns: " + string.Join(" ", columnLabels.Take(20)) + (Columns > 20 ? " …" : string.Empty);
    }

    private IEnumerable<double> Cells() => values.Cast<double>();

    private (double Min, double Max) ColorRange()
    {
        if (range is { } fixedRange)
        {
            return fixedRange;
        }

        var finite = Cells().Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return (0, 1);
        }

        var (min, max) = (finite.Min(), finite.Max());
        return max > min ? (min, max) : (min - 0.5, max + 0.5);
    }

    private string CellColor(double value, double min, double max) =>
        double.IsFinite(value) ? ColorMaps.Color(colorMap, (value - min) / (max - min)) : MissingColor;

    private bool ShowValues(double cellWidth, double cellHeight) =>
        annotate ?? (Rows * Columns <= 400 && cellWidth >= 28 && cellHeight >= 16);

}
