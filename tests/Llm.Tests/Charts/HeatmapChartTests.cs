using Llm.Charts;
using static Llm.Tests.Charts.SvgAssert;

namespace Llm.Tests.Charts;

public class HeatmapChartTests
{
    [Fact]
    public void EveryCellIsARectangleWithItsValue()
    {
        string[] tokens = ["床", "前", "明"];
        var weights = new float[,] { { 1, 0, 0 }, { 0.4f, 0.6f, 0 }, { 0.2f, 0.3f, 0.5f } };
        var root = Parse(Chart.Heatmap(weights, tokens, tokens).ToSvg());

        var cells = Group(root, "cells").Elements(Ns + "rect").ToList();
        Assert.Equal(9, cells.Count);
        Assert.Equal("前 → 床: 0.4", cells[3].Element(Ns + "title")!.Value);
        Assert.Equal(["1", "0", "0", "0.4", "0.6", "0", "0.2", "0.3", "0.5"], Texts(root, "value"));
        Assert.Equal(tokens, Group(root, "row-labels").Elements(Ns + "text").Select(t => t.Value));
        Assert.Equal(tokens, Group(root, "column-labels").Elements(Ns + "text").Select(t => t.Value));
        CoordinatesAreFinite(root);
    }

    [Fact]
    public void TheColourScaleRunsFromMinToMax()
    {
        var root = Parse(Chart.Heatmap(new double[,] { { 0, 1 } }).Colors(ColorMap.Viridis).ToSvg());
        var cells = Group(root, "cells").Elements(Ns + "rect").Select(r => (string)r.Attribute("fill")!).ToList();
        Assert.Equal(["#440154", "#FDE725"], cells); // viridis ends
        Assert.Equal(64 + 1, Group(root, "colorbar").Elements(Ns + "rect").Count()); // strips and a frame
        Assert.Contains("1.0", Texts(root, "tick"));
    }

    [Fact]
    public void AFixedRangeAndMissingValues()
    {
        var values = new double[,] { { 0.5, double.NegativeInfinity } };
        var root = Parse(Chart.Heatmap(values).Range(0, 1).Colors(ColorMap.Cividis).ToSvg());
        var fills = Group(root, "cells").Elements(Ns + "rect").Select(r => (string)r.Attribute("fill")!).ToList();
        Assert.Equal("#D9D9D9", fills[1]); // masked score: grey
        Assert.Contains("grey: NaN or ±∞", Texts(root, "note"));
    }

    [Fact]
    public void LargeMapsAreAnEmbeddedImageNotThousandsOfRectangles()
    {
        var svg = Chart.Heatmap(new float[64, 128]).ToSvg();
        var root = Parse(svg);
        var image = Assert.Single(Group(root, "cells").Elements(Ns + "image"));
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", (string)image.Attribute("href")!, StringComparison.Ordinal);
        Assert.Empty(Group(root, "cells").Elements(Ns + "rect"));
        Assert.InRange(svg.Length, 1000, 40_000);
    }

    [Fact]
    public void ManyLabelsAreThinnedAndSmallCellsAreNotAnnotated()
    {
        var root = Parse(Chart.Heatmap(new double[30, 30]).ToSvg());
        Assert.Equal(900, Group(root, "cells").Elements(Ns + "rect").Count());
        Assert.Empty(Texts(root, "value"));
        Assert.InRange(Group(root, "row-labels").Elements(Ns + "text").Count(), 8, 29);
    }

    [Fact]
    public void ATwoDimensionalTensorIsAccepted()
    {
        var t = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(6, Group(Parse(Chart.Heatmap(t).ToSvg()), "cells").Elements(Ns + "rect").Count());
        var error = Assert.Throws<ArgumentException>(() => Chart.Heatmap(Tensor.Zeros(2, 2, 2)));
        Assert.Contains("2-D", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputIsAClearError()
    {
        Assert.Throws<ArgumentException>(() => Chart.Heatmap(new double[0, 3]));
        Assert.Contains("row labels", Assert.Throws<ArgumentException>(() => Chart.Heatmap(new double[2, 2], ["a"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Chart.Heatmap(new double[2, 2]).Range(1, 1));
    }

    [Fact]
    public void ASingleCellOrAConstantMapDrawsWithoutDividingByZero()
    {
        var root = Parse(Chart.Heatmap(new double[,] { { 3 } }).ToSvg());
        CoordinatesAreFinite(root);
        Assert.Single(Group(root, "cells").Elements(Ns + "rect"));
    }
}
