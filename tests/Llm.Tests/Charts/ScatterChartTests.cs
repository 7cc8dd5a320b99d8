using Llm.Charts;
using static Llm.Tests.Charts.SvgAssert;

namespace Llm.Tests.Charts;

public class ScatterChartTests
{
    [Fact]
    public void EveryPointIsACircleWithItsLabel()
    {
        string[] words = ["春", "夏", "秋", "冬", "king", "queen"];
        var points = new float[,] { { 0, 0 }, { 1, 0.2f }, { 2, 0.1f }, { 3, 0.4f }, { -1, 2 }, { -1.2f, 2.1f } };
        var root = Parse(Chart.Scatter(points, words).ToSvg());

        Assert.Equal(6, Group(root, "points").Elements(Ns + "circle").Count());
        Assert.Equal(words, Texts(root, "label"));
        CoordinatesAreFinite(root);
    }

    [Fact]
    public void LabelsDoNotOverlapWhenThereIsRoom()
    {
        var x = Enumerable.Range(0, 12).Select(i => (double)(i % 4)).ToArray();
        var y = Enumerable.Range(0, 12).Select(i => (double)(i / 4)).ToArray();
        var labels = Enumerable.Range(0, 12).Select(i => $"word{i}").ToArray();
        var root = Parse(Chart.Scatter(x, y, labels).ToSvg());
        var boxes = Group(root, "labels").Elements(Ns + "text").Select(Box).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                Assert.False(boxes[i].X0 < boxes[j].X1 && boxes[j].X0 < boxes[i].X1 && boxes[i].Y0 < boxes[j].Y1 && boxes[j].Y0 < boxes[i].Y1, $"{labels[i]} overlaps {labels[j]}");
            }
        }
    }

    [Fact]
    public void GroupsGetColoursAndALegend()
    {
        var root = Parse(Chart.Scatter(new[] { 0, 1, 2 }, new[] { 0, 1, 0 }).Groups(["vowel", "consonant", "vowel"]).ToSvg());
        var fills = Group(root, "points").Elements(Ns + "circle").Select(c => (string)c.Attribute("fill")!).ToList();
        Assert.Equal([Palette.Series[0], Palette.Series[1], Palette.Series[0]], fills);
        Assert.Equal(["vowel", "consonant"], Group(root, "legend").Elements(Ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void APcaProjectionLabelsItsAxesWithTheExplainedVariance()
    {
        var data = new double[,] { { 0, 0, 1 }, { 2, 1, 1 }, { 4, 2, 0 }, { 6, 3, 1 } };
        var root = Parse(Chart.Scatter(Pca.Project(data), ["a", "b", "c", "d"]).ToSvg());
        Assert.StartsWith("PC1 (9", Assert.Single(Texts(root, "xlabel")), StringComparison.Ordinal);
        Assert.StartsWith("PC2 (", Assert.Single(Texts(root, "ylabel")), StringComparison.Ordinal);
    }

    [Fact]
    public void ASinglePointHasFiniteCoordinates()
    {
        var root = Parse(Chart.Scatter(new[] { 1.0 }, new[] { 1.0 }, ["only"]).ToSvg());
        CoordinatesAreFinite(root);
        Assert.Single(Group(root, "points").Elements(Ns + "circle"));
    }

    [Fact]
    public void BadInputIsAClearError()
    {
        Assert.Throws<ArgumentException>(() => Chart.Scatter(Array.Empty<double>(), Array.Empty<double>()));
        Assert.Contains("labels", Assert.Throws<ArgumentException>(() => Chart.Scatter(new[] { 1.0, 2 }, new[] { 1.0, 2 }, ["one"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Chart.Scatter(new[] { 1.0, double.NaN }, new[] { 1.0, 2 }));
        Assert.Contains("[n, 2]", Assert.Throws<ArgumentException>(() => Chart.Scatter(new double[3, 3])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnNBy2TensorIsAccepted()
    {
        var points = Tensor.FromArray([0, 0, 1, 1, 2, 4], 3, 2);
        Assert.Equal(3, Group(Parse(Chart.Scatter(points).ToSvg()), "points").Elements(Ns + "circle").Count());
    }

    private static (double X0, double Y0, double X1, double Y1) Box(System.Xml.Linq.XElement text)
    {
        var x = double.Parse((string)text.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
        var y = double.Parse((string)text.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture);
        var width = TextMetrics.Width(text.Value, 12);
        var x0 = (string?)text.Attribute("text-anchor") switch { "end" => x - width, "middle" => x - (width / 2), _ => x };
        return (x0, y - 6, x0 + width, y + 6);
    }
}
