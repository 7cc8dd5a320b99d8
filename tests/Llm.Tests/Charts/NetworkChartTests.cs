using Llm.Charts;
using Llm.Nn;
using static Llm.Tests.Charts.SvgAssert;

namespace Llm.Tests.Charts;

public class NetworkChartTests
{
    [Fact]
    public void NeuronsEdgesAndWeights()
    {
        var root = Parse(ChartSamples.Network().ToSvg());

        Assert.Equal(4 + 3 + 2, Group(root, "neurons").Elements(Ns + "circle").Count());
        Assert.Equal((4 * 3) + (3 * 2), Group(root, "edges").Elements(Ns + "line").Count());
        var weights = Texts(root, "weight");
        Assert.Equal(18, weights.Count);
        Assert.Contains("-0.6", weights); // W1[1, 0]: from x₁ to h₂
        Assert.Equal(["input", "hidden (ReLU)", "output"], Texts(root, "layer-title"));
        Assert.Equal(["1", "0.5", "-1", "2"], Texts(root, "neuron").Take(4));
        Assert.Contains("x₁", Texts(root, "neuron-label"));
        Assert.Contains("b = 0.1", Texts(root, "bias"));
        CoordinatesAreFinite(root);
    }

    [Fact]
    public void EdgeColourAndWidthShowSignAndSize()
    {
        var root = Parse(Chart.Network([2, 1], [new float[,] { { 2f, -0.5f } }]).ToSvg());
        var edges = Group(root, "edges").Elements(Ns + "line").ToList();
        Assert.Equal("#0072B2", (string)edges[0].Attribute("stroke")!);
        Assert.Equal("#D55E00", (string)edges[1].Attribute("stroke")!);
        Assert.True(double.Parse((string)edges[0].Attribute("stroke-width")!, System.Globalization.CultureInfo.InvariantCulture) >
                    double.Parse((string)edges[1].Attribute("stroke-width")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WithoutWeightsTheEdgesAreGreyAndUnlabelled()
    {
        var root = Parse(Chart.Network([3, 2]).Labels(["a", "b", "c"], ["y", "z"]).ToSvg());
        Assert.Equal(6, Group(root, "edges").Elements(Ns + "line").Count());
        Assert.Empty(Texts(root, "weight"));
        Assert.Equal(["a", "b", "c", "y", "z"], Texts(root, "neuron"));
    }

    [Fact]
    public void FromLinearLayers()
    {
        var g = new Generator(1);
        var chart = Chart.Network(new Linear(4, 3, g), new Linear(3, 2, g));
        var root = Parse(chart.ToSvg());
        Assert.Equal(9, Group(root, "neurons").Elements(Ns + "circle").Count());
        Assert.Equal(5, Texts(root, "bias").Count);
        Assert.Throws<ArgumentException>(() => Chart.Network(new Linear(4, 3, g), new Linear(2, 2, g)));
    }

    [Fact]
    public void ShapesMustMatch()
    {
        Assert.Contains("[3, 4]", Assert.Throws<ArgumentException>(() => Chart.Network([4, 3], [new float[4, 3]])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Chart.Network([4]));
        Assert.Throws<ArgumentException>(() => Chart.Network([4, 100]));
        Assert.Throws<ArgumentException>(() => Chart.Network([2, 1]).Values([1f], [1f]));
        Assert.Throws<ArgumentException>(() => Chart.Network([2, 1]).LayerTitles("only one"));
    }
}
