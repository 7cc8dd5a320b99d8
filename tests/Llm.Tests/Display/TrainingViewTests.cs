using System.Xml.Linq;
using Llm.Display;

namespace Llm.Tests.Display;

public class TrainingViewTests
{
    [Fact]
    public void BeforeTheFirstStepItSaysItIsWaiting()
    {
        var view = new TrainingView(totalSteps: 100);
        Assert.Equal(-1, view.Step);
        Assert.Null(view.Chart());
        Assert.Contains("waiting", view.ToHtml(), StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", view.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsProgressAndTheLossCurves()
    {
        var view = Reported(10);
        Assert.StartsWith("step 10/100 (10%) · loss 0.3000 · val 0.6667 · lr 3e-4", view.ProgressText(), StringComparison.Ordinal);

        var html = XElement.Parse(view.ToHtml());
        var svg = html.Descendants().Single(e => e.Name.LocalName == "svg");
        var series = svg.Descendants().Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "series").ToList();
        Assert.Equal(["train", "validation"], series.Select(s => (string)s.Attribute("data-name")!));
    }

    [Fact]
    public void TheChartUsesTheReportedSteps()
    {
        var chart = Reported(10).Chart()!;
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (double)i), chart.SeriesData[0].X);
        Assert.Equal([1.0, 6.0], chart.SeriesData[1].X);
    }

    [Fact]
    public void ANaNLossDoesNotBreakTheView()
    {
        var view = new TrainingView();
        view.Report(0, double.NaN);
        Assert.Contains("loss NaN", view.ToHtml(), StringComparison.Ordinal);
        view.Report(1, 2.5);
        Assert.Contains("<svg", view.ToHtml(), StringComparison.Ordinal);
    }

    /// <summary>A view after <paramref name="steps"/> steps of a falling loss, validated every 5 steps.</summary>
    internal static TrainingView Reported(int steps)
    {
        var view = new TrainingView(totalSteps: 100);
        for (var step = 0; step < steps; step++)
        {
            double? validation = step % 5 == 0 ? 0.5 + (1.0 / (step + 1)) : null;
            view.Report(step + 1, 3.0 / (step + 1), validation, learningRate: 3e-4); // steps completed, as the Trainer reports them
        }

        return view;
    }
}
