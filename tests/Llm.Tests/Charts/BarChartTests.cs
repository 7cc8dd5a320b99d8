using System.Globalization;
using Llm.Charts;
using static Llm.Tests.Charts.SvgAssert;

namespace Llm.Tests.Charts;

public class BarChartTests
{
    [Fact]
    public void OneBarPerLabel()
    {
        string[] tokens = ["光", "色", "下", "<|endoftext|>"];
        var root = Parse(Chart.Bar(tokens, new[] { 0.6f, 0.2f, 0.15f, 0.05f }).ToSvg());
        var bars = Group(root, "bars").Elements(Ns + "rect").ToList();
        Assert.Equal(4, bars.Count);
        Assert.Equal(tokens, Texts(root, "category"));
        Assert.Equal("<|endoftext|>: 0.05", bars[3].Element(Ns + "title")!.Value);

        // Heights follow the values, from a baseline at zero.
        var heights = bars.Select(b => double.Parse((string)b.Attribute("height")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(0.6 / 0.2, heights[0] / heights[1], 1);
        CoordinatesAreFinite(root);
    }

    [Fact]
    public void GroupedBarsSitSideBySide()
    {
        string[] tokens = ["the", "a", "cat"];
        var chart = Chart.Bar(tokens, ("T = 0.5", new[] { 0.8, 0.15, 0.05 }), ("T = 1", new[] { 0.5, 0.3, 0.2 }), ("T = 2", new[] { 0.4, 0.33, 0.27 }));
        var root = Parse(chart.ToSvg());
        var groups = Groups(root, "bars").ToList();
        Assert.Equal(3, groups.Count);
        Assert.All(groups, g => Assert.Equal(3, g.Elements(Ns + "rect").Count()));
        Assert.Equal(["T = 0.5", "T = 1", "T = 2"], Group(root, "legend").Elements(Ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void TopKeepsTheLargestInOrder()
    {
        var chart = Chart.Bar(["a", "b", "c", "d"], new[] { 0.1, 0.4, 0.2, 0.3 }).Top(3);
        Assert.Equal(["b", "d", "c"], chart.Labels);
        Assert.Equal(["b", "d", "c"], Texts(Parse(chart.ToSvg()), "category"));
    }

    [Fact]
    public void NegativeValuesHangBelowZero()
    {
        var root = Parse(Chart.Bar(["up", "down"], new[] { 2.0, -1.0 }).ToSvg());
        var bars = Group(root, "bars").Elements(Ns + "rect").ToList();
        var top = bars.Select(b => double.Parse((string)b.Attribute("y")!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(top[1] > top[0] + 10); // the negative bar starts lower, at the zero line
        Assert.Contains("-1", Texts(root, "tick").Concat(Texts(root, "value")));
    }

    [Fact]
    public void ManyLongLabelsAreSlantedAndThinned()
    {
        var labels = Enumerable.Range(0, 65).Select(i => $"token number {i}").ToArray();
        var root = Parse(Chart.Bar(labels, labels.Select((_, i) => (double)i)).ToSvg());
        var shown = Group(root, "axes").Elements(Ns + "text").Where(t => (string?)t.Attribute("class") == "category").ToList();
        Assert.InRange(shown.Count, 10, 64);
        Assert.All(shown, t => Assert.Contains("rotate(-45", (string)t.Attribute("transform")!, StringComparison.Ordinal));
    }

    [Fact]
    public void BadInputIsAClearError()
    {
        Assert.Throws<ArgumentException>(() => Chart.Bar(Array.Empty<string>(), Array.Empty<double>()));
        Assert.Contains("one label per bar", Assert.Throws<ArgumentException>(() => Chart.Bar(["a"], new[] { 1.0, 2.0 })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Chart.Bar(["a"], new[] { double.NaN }));
    }

    [Fact]
    public void AOneDimensionalTensorIsAccepted()
    {
        var probabilities = Tensor.FromArray([0.7f, 0.2f, 0.1f], 3);
        Assert.Equal(3, Group(Parse(Chart.Bar(["x", "y", "z"], probabilities).ToSvg()), "bars").Elements(Ns + "rect").Count());
    }
}
