using System.Text.Json;
using System.Xml.Linq;
using Llm.Charts;
using static Llm.Tests.Charts.SvgAssert;

namespace Llm.Tests.Charts;

public class EscapingTests
{
    public static TheoryData<string> Labels =>
        ["<|endoftext|>", "a & b", "\"quoted\"", "it's", "</text>", "床前明月光", "🙂", "&amp;", "]]>", "a b"];

    [Theory]
    [MemberData(nameof(Labels))]
    public void EveryLabelRoundTripsThroughTheXml(string label)
    {
        Chart[] charts =
        [
            Chart.Line((label, new[] { 1.0, 2.0 }), ("b", new[] { 2.0, 1.0 })).Title(label).XLabel(label).YLabel(label),
            Chart.Scatter(new[] { 1.0, 2.0 }, new[] { 1.0, 2.0 }, [label, "b"]),
            Chart.Heatmap(new double[,] { { 1, 2 } }, [label], [label, "b"]),
            Chart.Bar([label, "b"], new[] { 1.0, 2.0 }),
            Chart.Network([1, 1]).Labels([label], ["b"]).LayerTitles(label, "out"),
        ];
        foreach (var chart in charts)
        {
            var root = Parse(chart.ToSvg());
            var texts = Texts(root).Concat(root.Descendants(Ns + "title").Select(t => t.Value)).ToList();
            Assert.Contains(texts, t => t.Contains(label, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ControlCharactersAreShownOrReplacedSoTheXmlStaysValid()
    {
        // In token labels they are spelled out; elsewhere they become U+FFFD, as XML 1.0 forbids them.
        var root = Parse(Chart.Bar(["a\u0001b", "\u001F"], new[] { 1.0, 2.0 }).Title("bell\u0007").ToSvg());
        Assert.Equal(["a\\x01b", "\\x1F"], Texts(root, "category"));
        Assert.Equal(["bell\uFFFD"], Texts(root, "title"));
    }

    [Fact]
    public void WhitespaceTokensAreVisibleLabels()
    {
        var root = Parse(Chart.Bar([" ", "\n", " the", "the", string.Empty, "a b"], new[] { 1.0, 2, 3, 4, 5, 6 }).ToSvg());
        Assert.Equal(["␣", "↵", "␣the", "the", "∅", "a b"], Texts(root, "category"));
    }

    [Fact]
    public void TheHtmlVersionKeepsLabelsIntactInItsJson()
    {
        var html = Chart.Bar(["</script>", "床"], new[] { 1.0, 2.0 }).Title("<b>&</b>").ToHtml();
        Assert.DoesNotContain("</script><", html.Split("id=\"figure\">")[1].Split("</script>")[0], StringComparison.Ordinal);
        using var figure = JsonDocument.Parse(PlotlyTests.FigureJson(html));
        var ticks = figure.RootElement.GetProperty("layout").GetProperty("xaxis").GetProperty("ticktext");
        Assert.Equal(["</script>", "床"], ticks.EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("<b>&</b>", figure.RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("<title>&lt;b&gt;&amp;&lt;/b&gt;</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSvgDeclaresCjkFonts()
    {
        var root = XElement.Parse(Chart.Line(new[] { 1.0 }).ToSvg());
        var fonts = (string)root.Attribute("font-family")!;
        Assert.Contains("Noto Sans CJK SC", fonts, StringComparison.Ordinal);
        Assert.Contains("Microsoft YaHei", fonts, StringComparison.Ordinal);
        Assert.Contains("PingFang SC", fonts, StringComparison.Ordinal);
        Assert.EndsWith("sans-serif", fonts, StringComparison.Ordinal);
    }
}
