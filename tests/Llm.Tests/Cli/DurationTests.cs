using System.CommandLine;
using Llm.Cli.Parsing;

namespace Llm.Tests.Cli;

/// <summary>--time takes what a person types and what `llm` itself prints (training progress, --help's default).</summary>
public class DurationTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("4.5m", 270)]
    [InlineData("1.5h", 5400)]
    [InlineData("4m30s", 270)]
    [InlineData("1h05m", 3900)]
    public void ADurationIsReadInSeconds(string text, double seconds)
    {
        var (value, errors) = Parse(text);

        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0s")]
    [InlineData("-1m")]
    [InlineData("5 m")]
    [InlineData("m")]
    [InlineData("30s5m")]
    [InlineData("1e9h")]
    public void AnythingElseIsOneMessageNamingTheOption(string text)
    {
        var (_, errors) = Parse(text);

        Assert.Equal([$"--time must be a positive duration like 90s, 5m or 1h, got '{text}'."], errors);
    }

    [Fact]
    public void LeftOutItIsNullAndTheCallerUsesItsDefault()
    {
        var (value, errors) = Parse(null);

        Assert.Empty(errors);
        Assert.Null(value);
    }

    private static (TimeSpan? Value, string[] Errors) Parse(string? text)
    {
        var time = CliOption.Duration("--time", "Time budget", TimeSpan.FromMinutes(4));
        var command = new RootCommand { time };
        var result = command.Parse(text is null ? [] : ["--time", text]);
        var errors = result.Errors.Select(e => e.Message).ToArray();
        return (errors.Length == 0 ? result.GetValue(time) : null, errors);
    }
}
