using Llm.Charts;

namespace Llm.Tests.Charts;

/// <summary>The calls the notebooks make, as they write them: they compile, and each chart shows what was asked for.</summary>
public class OneLinerTests
{
    [Fact]
    public void TheNotebookOneLinersCompileAndDraw()
    {
        var losses = new List<float> { 4.2f, 3.1f, 2.5f, 2.2f };
        var validation = new List<float> { 4.3f, 2.9f };
        string[] tokens = ["床", "前", "明", "月"];
        var attention = Tensor.FromArray([1, 0, 0, 0, 0.5f, 0.5f, 0, 0, 0.2f, 0.3f, 0.5f, 0, 0.1f, 0.2f, 0.3f, 0.4f], 4, 4);
        var embeddings = Tensor.FromArray([.. Enumerable.Range(0, 4 * 8).Select(i => MathF.Sin(i))], 4, 8);

        var line = SvgAssert.Parse(Chart.Line(("train", losses), ("validation", validation)).Title("Loss").XLabel("step").YLabel("loss").LogY().ToSvg());
        Assert.Superset(new HashSet<string> { "Loss", "step", "loss", "train", "validation" }, SvgAssert.Texts(line).ToHashSet());

        var plain = SvgAssert.Parse(Chart.Line(losses).ToSvg());
        SvgAssert.CoordinatesAreFinite(plain);
        Assert.NotEmpty(plain.Descendants(SvgAssert.Ns + "path").Concat(plain.Descendants(SvgAssert.Ns + "polyline")));

        // Every token labels the heatmap's rows and columns, the bars and the scatter points.
        var heatmap = SvgAssert.Texts(SvgAssert.Parse(Chart.Heatmap(attention, tokens, tokens).ToSvg()));
        Assert.All(tokens, t => Assert.True(heatmap.Count(text => text == t) >= 2, $"heatmap: token {t} should label a row and a column"));
        var bars = SvgAssert.Texts(SvgAssert.Parse(Chart.Bar(tokens, new[] { 0.5f, 0.3f, 0.15f, 0.05f }).ToSvg()));
        Assert.Superset(tokens.ToHashSet(), bars.ToHashSet());
        var scatter = SvgAssert.Texts(SvgAssert.Parse(Chart.Scatter(Pca.Project(embeddings), tokens).ToSvg()));
        Assert.Superset(tokens.ToHashSet(), scatter.ToHashSet());

        // A [4, 3, 2] network has 9 neurons and 4·3 + 3·2 = 18 connections.
        var network = SvgAssert.Parse(Chart.Network([4, 3, 2]).ToSvg());
        Assert.Equal(9, network.Descendants(SvgAssert.Ns + "circle").Count());
        Assert.Equal(18, network.Descendants(SvgAssert.Ns + "line").Count());
    }
}
