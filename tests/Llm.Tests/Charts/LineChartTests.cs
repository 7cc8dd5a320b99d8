using System.Globalization;
using Llm.Charts;
using static Llm.Tests.Charts.SvgAssert;

namespace Llm.Tests.Charts;

public class LineChartTests
{
    [Fact]
    public void EachSeriesIsAPolylineThroughEveryPoint()
    {
        var train = Enumerable.Range(0, 100).Select(i => 3f / (1 + i)).ToArray();
        var validation = new[] { 2.5, 1.0, 0.6 };
        var root = Parse(Chart.Line(("train", train)).Add("validation", new[] { 0, 50, 99 }, validation).Title("Loss").ToSvg());

        var series = Groups(root, "series").ToList();
        Assert.Equal(["train", "validation"], series.Select(s => (string)s.Attribute("data-name")!));
        var trainLine = Assert.Single(series[0].Elements(Ns + "polyline"));
        Assert.Equal(100, ((string)trainLine.Attribute("points")!).Split(' ').Length);

        // Three points are few enough to be marked as dots too.
        Assert.Equal(3, series[1].Elements(Ns + "circle").Count());
        Assert.Contains("Loss", Texts(root, "title"));
        Assert.Equal(["train", "validation"], Group(root, "legend").Elements(Ns + "text").Select(t => t.Value));
        CoordinatesAreFinite(root);
    }

    [Fact]
    public void SeriesGetDifferentColoursFromTheOkabeItoPalette()
    {
        var root = Parse(Chart.Line(("a", new[] { 1.0, 2 }), ("b", new[] { 2.0, 1 })).ToSvg());
        var colours = root.Descendants(Ns + "polyline").Select(p => (string)p.Attribute("stroke")!).ToList();
        Assert.Equal([Palette.Series[0], Palette.Series[1]], colours);
    }

    [Fact]
    public void LogAxisTicksArePowersOfTen()
    {
        var loss = Enumerable.Range(0, 50).Select(i => 10 * Math.Pow(10, -i / 10.0));
        var root = Parse(Chart.Line(("loss", loss)).LogY().ToSvg());
        Assert.Equal(["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹"], TickLabels(root, vertical: true));

        // Within 0.001 … 1000 the labels are plain numbers.
        var small = Parse(Chart.Line(new[] { 1.0, 0.001 }).LogY().ToSvg());
        Assert.Equal(["0.001", "0.01", "0.1", "1"], TickLabels(small, vertical: true));
    }

    [Fact]
    public void LinearTicksReadWell()
    {
        var root = Parse(Chart.Line(new[] { 0.0, 1.0 }).ToSvg());
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], TickLabels(root, vertical: true));
    }

    [Fact]
    public void ASinglePointIsADotInTheMiddle()
    {
        var chart = Chart.Line(("loss", new[] { 2.5f }));
        var root = Parse(chart.ToSvg());
        CoordinatesAreFinite(root);
        var dot = Assert.Single(Group(root, "series").Elements(Ns + "circle"));
        var cx = double.Parse((string)dot.Attribute("cx")!, CultureInfo.InvariantCulture);
        Assert.InRange(cx, chart.Width * 0.3, chart.Width * 0.7);
    }

    [Fact]
    public void NonFiniteValuesBreakTheLineAndAreCounted()
    {
        var root = Parse(Chart.Line(new[] { 3.0, 2.0, double.NaN, 1.5, 1.2, double.PositiveInfinity, 1.0 }).ToSvg());
        CoordinatesAreFinite(root);
        Assert.Equal(2, Group(root, "series").Elements(Ns + "polyline").Count());
        Assert.Contains("2 values were skipped", Assert.Single(Texts(root, "note")), StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesAtOrBelowZeroAreSkippedOnALogAxis()
    {
        var root = Parse(Chart.Line(new[] { 1.0, 0.1, 0.0, 0.01 }).LogY().ToSvg());
        Assert.Contains("1 value was skipped", Assert.Single(Texts(root, "note")), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyDataIsAClearError()
    {
        var empty = Assert.Throws<ArgumentException>(() => Chart.Line(Array.Empty<float>()));
        Assert.Contains("at least one value", empty.Message, StringComparison.Ordinal);
        var allNaN = Chart.Line(new[] { double.NaN, double.NaN });
        Assert.Contains("finite", Assert.Throws<ArgumentException>(allNaN.ToSvg).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MismatchedXAndYAreAClearError() =>
        Assert.Throws<ArgumentException>(() => Chart.Line(new[] { 1.0 }).Add("b", new[] { 1, 2 }, new[] { 1.0 }));

    [Fact]
    public void TensorsAndIntegersAreAccepted()
    {
        var chart = Chart.Line(("loss", Tensor.FromArray([3, 2, 1], 3)));
        Assert.Single(Group(Parse(chart.ToSvg()), "series").Elements(Ns + "polyline"));
        Assert.Equal([3.0, 2.0, 1.0], chart.SeriesData[0].Y);
        Assert.Equal([0.0, 1.0, 2.0], Chart.Line(new List<int> { 5, 6, 7 }).SeriesData[0].X);
    }

    [Fact]
    public void PlainTextDescribesTheSeries()
    {
        var text = Chart.Line(("train", new[] { 4.0, 3.0, 2.0, 1.0 })).Title("Loss").ToString();
        Assert.StartsWith("Line chart \"Loss\"", text, StringComparison.Ordinal);
        Assert.Contains("train: █▆▃▁ 4 → 1 (4 points)", text, StringComparison.Ordinal);
    }

    /// <summary>The tick labels of the y axis (vertical) or x axis, bottom to top / left to right.</summary>
    internal static List<string> TickLabels(System.Xml.Linq.XElement root, bool vertical)
    {
        var ticks = Group(root, "axes").Elements(Ns + "text").Where(t => (string?)t.Attribute("class") == "tick");
        return vertical
            ? ticks.Where(t => (string?)t.Attribute("text-anchor") == "end").OrderByDescending(t => double.Parse((string)t.Attribute("y")!, CultureInfo.InvariantCulture)).Select(t => t.Value).ToList()
            : ticks.Where(t => (string?)t.Attribute("text-anchor") == "middle").Select(t => t.Value).ToList();
    }
}
