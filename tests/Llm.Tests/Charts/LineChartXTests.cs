using Llm.Charts;

namespace Llm.Tests.Charts;

public class LineChartXTests
{
    [Fact]
    public void ALineCanStartWithItsOwnXValues()
    {
        var chart = Chart.Line("validation", new[] { 100, 200, 300 }, new[] { 2.5, 2.1, 1.9 }).Add("train", new[] { 3.0, 2.0, 1.5, 1.2 });
        Assert.Equal([100.0, 200.0, 300.0], chart.SeriesData[0].X);
        Assert.Equal([0.0, 1.0, 2.0, 3.0], chart.SeriesData[1].X);
        Assert.Contains("validation", chart.ToSvg(), StringComparison.Ordinal);
    }
}
