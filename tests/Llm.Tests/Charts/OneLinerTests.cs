using Llm.Charts;

namespace Llm.Tests.Charts;

/// <summary>The calls the notebooks make, as they write them: this file compiling is most of the test.</summary>
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

        Chart[] charts =
        [
            Chart.Line(("train", losses), ("validation", validation)).Title("Loss").XLabel("step").YLabel("loss").LogY(),
            Chart.Line(losses),
            Chart.Heatmap(attention, tokens, tokens),
            Chart.Bar(tokens, new[] { 0.5f, 0.3f, 0.15f, 0.05f }),
            Chart.Scatter(Pca.Project(embeddings), tokens),
            Chart.Network([4, 3, 2]),
        ];
        Assert.All(charts, c => Assert.StartsWith("<svg", c.ToSvg(), StringComparison.Ordinal));
    }
}
