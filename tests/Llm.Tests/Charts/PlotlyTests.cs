using System.Text.Json;
using Llm.Charts;

namespace Llm.Tests.Charts;

public class PlotlyTests
{
    [Fact]
    public void TheHtmlLoadsPlotlyFromItsCdnAndHoldsTheFigure()
    {
        var html = ChartSamples.Loss().ToHtml();
        Assert.Contains("<script src=\"https://cdn.plot.ly/plotly-2.35.2.min.js\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal); // the static picture until plotly.js loads

        using var figure = JsonDocument.Parse(FigureJson(html));
        var data = figure.RootElement.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal("train", data[0].GetProperty("name").GetString());
        Assert.Equal(300, data[0].GetProperty("y").GetArrayLength());
        Assert.Equal(13, data[1].GetProperty("x").GetArrayLength());
        Assert.Equal("Loss of the poem GPT", figure.RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void EveryKindHasAFigure()
    {
        foreach (var (name, make) in ChartSamples.All)
        {
            using var figure = JsonDocument.Parse(FigureJson(make().ToHtml()));
            Assert.True(figure.RootElement.GetProperty("data").GetArrayLength() > 0, name);
            Assert.True(figure.RootElement.GetProperty("layout").GetProperty("width").GetInt32() > 0, name);
        }
    }

    [Fact]
    public void SpecificTraceTypes()
    {
        using var log = JsonDocument.Parse(FigureJson(ChartSamples.LossLog().ToHtml()));
        Assert.Equal("log", log.RootElement.GetProperty("layout").GetProperty("yaxis").GetProperty("type").GetString());
        using var heatmap = JsonDocument.Parse(FigureJson(ChartSamples.Attention().ToHtml()));
        var trace = heatmap.RootElement.GetProperty("data")[0];
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal(8, trace.GetProperty("z").GetArrayLength());
        using var bars = JsonDocument.Parse(FigureJson(ChartSamples.Temperature().ToHtml()));
        Assert.Equal("group", bars.RootElement.GetProperty("layout").GetProperty("barmode").GetString());
    }

    [Fact]
    public void NonFiniteValuesBecomeNull()
    {
        using var figure = JsonDocument.Parse(FigureJson(ChartSamples.Gaps().ToHtml()));
        var y = figure.RootElement.GetProperty("data")[0].GetProperty("y");
        Assert.Equal(JsonValueKind.Null, y[3].ValueKind);
        Assert.Equal(JsonValueKind.Null, y[6].ValueKind);
    }

    [Fact]
    public void SaveWritesSvgOrHtmlByExtension()
    {
        var folder = Path.Combine(Path.GetTempPath(), "llm-chart-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var chart = ChartSamples.NextToken();
            chart.Save(Path.Combine(folder, "sub", "chart.svg"));
            chart.Save(Path.Combine(folder, "chart.html"));
            Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(folder, "sub", "chart.svg")), StringComparison.Ordinal);
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(folder, "chart.html")), StringComparison.Ordinal);
            Assert.NotEqual(0xEF, File.ReadAllBytes(Path.Combine(folder, "chart.html"))[0]); // no byte-order mark
            Assert.Throws<ArgumentException>(() => chart.Save(Path.Combine(folder, "chart.png")));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>The JSON inside &lt;script type="application/json" id="figure"&gt;.</summary>
    internal static string FigureJson(string html)
    {
        const string start = "<script type=\"application/json\" id=\"figure\">";
        var from = html.IndexOf(start, StringComparison.Ordinal) + start.Length;
        var to = html.IndexOf("</script>", from, StringComparison.Ordinal);
        Assert.True(from >= start.Length && to > from, "figure element not found");
        return html[from..to];
    }
}
