namespace Llm.Tests.Charts;

public class SampleRenderTests
{
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
