using Llm.Charts.Diagrams;
using Llm.Models;

namespace Llm.Tests.Charts;

public class SampleRenderTests
{
    // The architecture diagrams of a default GPT and Transformer, and a 6-block GPT whose middle blocks are elided.
    private static readonly Dictionary<string, Func<Diagram>> DiagramSamples = new()
    {
        ["diagram-gpt"] = () => Diagram.Gpt(new Gpt(new GptConfig()), 2, 64),
        ["diagram-transformer"] = () => Diagram.Transformer(new Transformer(new TransformerConfig()), 8, 20, 18),
        ["diagram-attention-head"] = () => Diagram.AttentionHead(new Gpt(new GptConfig()), 2, 64),
        ["diagram-residual-stream"] = () => Diagram.ResidualStream(new Gpt(new GptConfig()), 2, 64),
        ["diagram-residual-stream-6"] = () => Diagram.ResidualStream(new Gpt(new GptConfig { Layers = 6 }), 2, 64),
    };

    /// <summary>
    /// Writes every sample chart as SVG and HTML and checks each file: a parseable SVG with finite
    /// coordinates and text, and an HTML page that embeds it. The files go to the folder named by
    /// LLM_CHART_SAMPLES when it is set (tests/render-charts.sh then renders them to PNG for a
    /// person to look at), else to a temporary folder that is deleted afterwards.
    /// </summary>
    [Fact]
    public void WritesEverySampleAsSvgAndHtml()
    {
        var asked = Environment.GetEnvironmentVariable("LLM_CHART_SAMPLES");
        var folder = string.IsNullOrEmpty(asked) ? Directory.CreateTempSubdirectory("llm-chart-samples-").FullName : asked;
        try
        {
            foreach (var (name, make) in ChartSamples.All)
            {
                var chart = make();
                var (svgPath, htmlPath) = (Path.Combine(folder, name + ".svg"), Path.Combine(folder, name + ".html"));
                chart.Save(svgPath);
                chart.Save(htmlPath);

                var root = SvgAssert.Parse(File.ReadAllText(svgPath));
                SvgAssert.CoordinatesAreFinite(root);
                Assert.True(root.Descendants().Count() > 5, $"{name}.svg draws almost nothing.");
                var html = File.ReadAllText(htmlPath);
                Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("<svg", html, StringComparison.Ordinal);
            }

            foreach (var (name, make) in DiagramSamples)
            {
                var path = Path.Combine(folder, name + ".svg");
                make().Save(path);
                var root = SvgAssert.Parse(File.ReadAllText(path));
                SvgAssert.CoordinatesAreFinite(root);
                Assert.True(root.Descendants().Count() > 5, $"{name}.svg draws almost nothing.");
            }
        }
        finally
        {
            if (string.IsNullOrEmpty(asked))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
