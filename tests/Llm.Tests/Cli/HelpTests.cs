using System.CommandLine;
using Llm.Cli;

namespace Llm.Tests.Cli;

/// <summary>Every command answers --help with exit code 0 and lists each of its options and subcommands.</summary>
public class HelpTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            data.Add(path);
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, (path + " " + sub.Name).Trim());
            }
        }

        Walk(LlmCommand.Create(), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void HelpListsEveryOptionAndSubcommand(string path)
    {
        var args = path.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = Cli.Run([.. args, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var command = args.Aggregate((Command)LlmCommand.Create(), (c, name) => c.Subcommands.Single(s => s.Name == name));
        Assert.True(command.Options.Count + command.Subcommands.Count > 0, $"'{path}' has options or subcommands to list");
        foreach (var option in command.Options.Where(o => !o.Hidden))
        {
            Assert.Contains(option.Name, result.Output);
        }

        foreach (var sub in command.Subcommands)
        {
            Assert.Contains(sub.Name, result.Output);
        }
    }

    [Fact]
    public void NoArgumentsShowsTheCommands()
    {
        var result = Cli.Run();

        Assert.Equal(0, result.ExitCode);
        foreach (var name in new[] { "train", "generate", "score", "translate", "bench", "download", "notebook" })
        {
            Assert.Contains(name, result.Output);
        }
    }

    [Fact]
    public void HelpShowsDefaults()
    {
        var result = Cli.Run("generate", "--help");

        Assert.Contains("--max-tokens", result.Output);
        Assert.Contains("[default: 64]", result.Output);
        Assert.Contains("[default: 0.8]", result.Output);
    }

    [Theory]
    [InlineData("train", "[default: 4m30s]")]
    [InlineData("translate", "[default: 4m00s]")]
    public void TimeBudgetsShowTheirDefaultAsTheyAreTyped(string command, string shown)
    {
        var result = Cli.Run(command, "--help");

        Assert.Contains(shown, result.Output);
        Assert.DoesNotContain("00:0", result.Output);
    }

    [Fact]
    public void TheSuggestDirectiveCompletesOptionNames()
    {
        var result = Cli.Run("[suggest:10]", "train --st");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["--steps"], result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
