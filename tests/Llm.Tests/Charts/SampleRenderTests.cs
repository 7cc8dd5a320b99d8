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
    /// Writes every sample chart as SVG (and HTML) into the folder named by LLM_CHART_SAMPLES;
    /// does nothing when it is not set. tests/render-charts.sh runs it and renders the SVGs to PNG.
    /// </summary>
    [Fact]
    public void WritesSamplesWhenAsked()
    {
        var folder = Environment.GetEnvironmentVariable("LLM_CHART_SAMPLES");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        foreach (var (name, make) in ChartSamples.All)
        {
            var chart = make();
            chart.Save(Path.Combine(folder, name + ".svg"));
            chart.Save(Path.Combine(folder, name + ".html"));
        }

        foreach (var (name, make) in DiagramSamples)
        {
            make().Save(Path.Combine(folder, name + ".svg"));
        }

        Assert.True(Directory.GetFiles(folder, "*.svg").Length >= ChartSamples.All.Count + DiagramSamples.Count);
    }
}
