using System.CommandLine;
using System.Text.RegularExpressions;
using Llm.Cli;

namespace Llm.Tests.Cli;

/// <summary>README.md's table of `llm` commands names every command and every option that --help lists.</summary>
public partial class ReadmeTableTests
{
    [Fact]
    public void EveryCommandHasARowNamingAllItsOptions()
    {
        var rows = TableRows();
        foreach (var (path, command) in Leaves(LlmCommand.Create(), ""))
        {
            // `download gpt2` and `translate "…"` name their argument after the command.
            var row = rows.FirstOrDefault(r => r.Command == path || r.Command.StartsWith(path + " ", StringComparison.Ordinal));
            Assert.True(row.Command is not null, $"README's llm table has no row for '{path}'");
            foreach (var option in command.Options.Where(o => !o.Hidden && o.Name != "--help"))
            {
                Assert.True(row.Options.Contains($"`{option.Name}", StringComparison.Ordinal), $"README's row for '{path}' does not name {option.Name}");
            }
        }
    }

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path) =>
        command.Subcommands.Count == 0
            ? [(path, command)]
            : command.Subcommands.SelectMany(sub => Leaves(sub, (path + " " + sub.Name).Trim()));

    /// <summary>The rows of the table under "## The `llm` command": (first cell without backticks, last cell).</summary>
    private static List<(string Command, string Options)> TableRows()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "course.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("course.sln not found above the test folder.");
        }

        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var section = readme[readme.IndexOf("## The `llm` command", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return Row().Matches(section).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
    }

    [GeneratedRegex(@"^\| `([^`]+)` \|.*\| ([^|]*) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
