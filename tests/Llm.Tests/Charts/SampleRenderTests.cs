namespace Llm.Tests.Charts;

public class SampleRenderTests
{
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

        Assert.True(Directory.GetFiles(folder, "*.svg").Length >= ChartSamples.All.Count);
    }
}
