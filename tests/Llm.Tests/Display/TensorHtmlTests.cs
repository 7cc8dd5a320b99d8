using System.Xml.Linq;
using Llm.Display;

namespace Llm.Tests.Display;

public class TensorHtmlTests
{
    [Fact]
    public void ASmallMatrixShowsEveryValueWithItsShape()
    {
        var html = XElement.Parse(TensorHtml.Render(Tensor.FromArray([1.5f, 2, 3, 4, 5, 6.25f], 2, 3)));
        Assert.Contains("shape [2, 3]", html.Elements("div").First().Value, StringComparison.Ordinal);
        Assert.Contains("cpu", html.Elements("div").First().Value, StringComparison.Ordinal);
        var cells = html.Descendants("td").Select(td => td.Value).ToList();
        Assert.Equal(["1.5000", "2.0000", "3.0000", "4.0000", "5.0000", "6.2500"], cells);
        Assert.Equal(["0", "1"], html.Descendants("tbody").Single().Descendants("th").Select(th => th.Value));
    }

    [Fact]
    public void ALargeMatrixShowsItsCorners()
    {
        var values = Enumerable.Range(0, 100 * 200).Select(i => (float)i).ToArray();
        var html = XElement.Parse(TensorHtml.Render(Tensor.FromArray(values, 100, 200)));
        var rows = html.Descendants("tbody").Single().Elements("tr").ToList();
        Assert.Equal(11, rows.Count); // 5 + ⋮ + 5
        Assert.Equal(11, rows[0].Elements("td").Count()); // 5 + ⋯ + 5
        Assert.Equal("0", rows[0].Elements("td").First().Value);
        Assert.Equal("19999", rows[^1].Elements("td").Last().Value);
        Assert.Contains("⋯", rows[0].Value, StringComparison.Ordinal);
        Assert.Contains("⋮", rows[5].Value, StringComparison.Ordinal);
        Assert.Contains("20,000 values", html.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void HigherRanksAreStacksOfMatrices()
    {
        var html = XElement.Parse(TensorHtml.Render(Tensor.Zeros(2, 3, 4, 5)));
        var captions = html.Elements("div").Skip(1).Select(d => d.Value).Where(v => v.StartsWith('[')).ToList();
        Assert.Equal(["[0, 0, :, :]", "[0, 1, :, :]", "[0, 2, :, :]", "[1, 0, :, :]", "[1, 1, :, :]", "[1, 2, :, :]"], captions);
        Assert.Equal(6, html.Descendants("table").Count());

        var many = XElement.Parse(TensorHtml.Render(Tensor.Zeros(50, 2, 2)));
        Assert.Equal(6, many.Descendants("table").Count()); // first five, ⋮, last
        Assert.Contains("[49, :, :]", many.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ScalarsVectorsAndSpecialValues()
    {
        Assert.Contains("3.1416", TensorHtml.Render(Tensor.Scalar(3.14159f)), StringComparison.Ordinal);
        var vector = XElement.Parse(TensorHtml.Render(Tensor.FromArray([float.NaN, float.PositiveInfinity, 1e-5f], 3)));
        Assert.Equal(["nan", "inf", "1.0000e-05"], vector.Descendants("td").Select(td => td.Value));
        Assert.Contains("(no values)", TensorHtml.Render(Tensor.Zeros(0, 3)), StringComparison.Ordinal);
    }

    [Fact]
    public void RequiresGradIsShown()
    {
        var t = Tensor.Ones(2);
        t.RequiresGrad = true;
        Assert.Contains("requires_grad", TensorHtml.Render(t), StringComparison.Ordinal);
    }
}
