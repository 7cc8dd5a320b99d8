using Llm.Charts;

namespace Llm.Tests.Charts;

public class TicksTests
{
    [Theory]
    [InlineData(0.0, 1.0, new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0 })]
    [InlineData(0.0, 97.0, new[] { 0.0, 20.0, 40.0, 60.0, 80.0 })]
    [InlineData(-3.0, 3.0, new[] { -2.0, 0.0, 2.0 })]
    [InlineData(1.62, 4.31, new[] { 2.0, 3.0, 4.0 })]
    [InlineData(1.62, 2.31, new[] { 1.8, 2.0, 2.2 })]
    public void LinearTicksAreNiceNumbers(double min, double max, double[] expected)
    {
        var (values, _) = Ticks.Linear(min, max);
        Assert.Equal(expected, values);
    }

    [Theory]
    [InlineData(0.7, 1.0)]
    [InlineData(1.2, 2.0)]
    [InlineData(3.0, 5.0)]
    [InlineData(7.0, 10.0)]
    [InlineData(0.0003, 0.0005)]
    public void StepsAreOneTwoOrFiveTimesAPowerOfTen(double rough, double expected) =>
        Assert.Equal(expected, Ticks.NiceStep(rough), 12);

    [Fact]
    public void LabelsHaveTheDecimalsTheStepNeeds()
    {
        Assert.Equal("0.3", Ticks.Format(0.1 + 0.2, 0.1));
        Assert.Equal("1500", Ticks.Format(1500, 500));
        Assert.Equal("0.25", Ticks.Format(0.25, 0.05));
        Assert.Equal("2e6", Ticks.Format(2e6, 1e6));
    }

    [Fact]
    public void LogTicksArePowersOfTen()
    {
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1], Ticks.Log(5e-5, 3));
        Assert.Equal(["0.001", "1", "1000"], new[] { 1e-3, 1, 1e3 }.Select(v => Ticks.FormatLog(v, plain: true)));
        Assert.Equal(["10⁻⁵", "10⁰", "10⁴"], new[] { 1e-5, 1, 1e4 }.Select(v => Ticks.FormatLog(v, plain: false)));
    }

    [Fact]
    public void LogTicksWithinADecadeUseOneTwoFive() =>
        Assert.Equal([2, 5, 10], Ticks.Log(1.5, 12));

    [Fact]
    public void ManyDecadesAreThinned()
    {
        var ticks = Ticks.Log(1e-12, 1e12);
        Assert.InRange(ticks.Length, 5, 9);
        Assert.All(ticks, t => Assert.Equal(Math.Round(Math.Log10(t)), Math.Log10(t), 9));
    }

    [Theory]
    [InlineData(2.5, false)]
    [InlineData(0.0, false)]
    [InlineData(0.01, true)]
    public void AScaleOfOneValueHasAWidth(double value, bool log)
    {
        var scale = Scale.Create(value, value, 300, 0, log);
        Assert.True(scale.Max > scale.Min);
        Assert.InRange(scale.Map(value), 100, 200); // the value lands mid-axis
        Assert.NotEmpty(scale.Ticks());
    }

    [Fact]
    public void ALogScaleRejectsZero() =>
        Assert.Throws<ArgumentException>(() => Scale.Create(0, 10, 300, 0, log: true));
}
