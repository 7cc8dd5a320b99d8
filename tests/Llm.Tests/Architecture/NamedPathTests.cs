using System.Text.Json;
using System.Text.RegularExpressions;
using Llm.Tests.Notebooks;

namespace Llm.Tests.Architecture;

/// <summary>
/// Every path into the repository that the prose names (the READMEs, docs/, the notebooks' text
/// cells) exists: a learner who follows "see lib/Llm.Course/Data/ExamScores.cs" finds the file.
/// A moved file leaves such sentences behind, and nothing else would notice.
/// </summary>
public partial class NamedPathTests
{
    /// <summary>Named on purpose though absent from a clone: the folder notebooks 06 and 14 download GPT-2's files into.</summary>
    private static readonly string[] MadeByTheLearner = ["notebooks/gpt2"];

    [Fact]
    public void EveryPathTheProseNamesExists()
    {
        var root = NotebookFolder.RepoRoot;
        var named = ProseFiles(root).SelectMany(file => NamedPath().Matches(Prose(file)).Select(m => (File: Path.GetRelativePath(root, file), Path: m.Groups[1].Value))).ToList();
        Assert.True(named.Count > 50, $"the prose names only {named.Count} paths: the pattern no longer finds them");

        var missing = named
            .Where(n => !MadeByTheLearner.Contains(n.Path.TrimEnd('/')))
            .Select(n => (n.File, n.Path, Checked: BuiltFrom(n.Path)))
            .Where(n => !Exists(root, n.Checked) && !Exists(Path.Combine(root, Path.GetDirectoryName(n.File)!), n.Checked))
            .Select(n => $"{n.File} names {n.Path}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "no such file or folder (moved? update the sentence):\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// A build's output (lib/Llm.Cli/bin/Release/…) is absent from a clean clone until the learner builds:
    /// the project folder it comes from must exist instead.
    /// </summary>
    private static string BuiltFrom(string path)
    {
        var output = BuildOutput().Match(path);
        return output.Success ? path[..output.Index] : path;
    }

    /// <summary>A path may hold * and a &lt;placeholder&gt;; each matches one name.</summary>
    private static bool Exists(string folder, string path)
    {
        var parts = path.TrimEnd('/').Split('/');
        IEnumerable<string> found = [folder];
        foreach (var part in parts)
        {
            var pattern = Placeholder().Replace(part, "*");
            found = found.Where(Directory.Exists).SelectMany(f => Directory.EnumerateFileSystemEntries(f, pattern)).ToList();
        }

        return found.Any();
    }

    private static IEnumerable<string> ProseFiles(string root) =>
        new[] { "README.md", "data", "docs", "lib", "tests", "notebooks" }
            .Select(p => Path.Combine(root, p))
            .SelectMany(p => File.Exists(p) ? [p] : Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".ipynb", StringComparison.Ordinal))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));

    /// <summary>A markdown file's text, or a notebook's text cells (code cells are run, and fail by themselves on a bad path).</summary>
    private static string Prose(string file)
    {
        if (!file.EndsWith(".ipynb", StringComparison.Ordinal))
        {
            return File.ReadAllText(file);
        }

        using var notebook = JsonDocument.Parse(File.ReadAllText(file));
        return string.Join("\n", notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(cell => cell.GetProperty("cell_type").GetString() == "markdown")
            .Select(cell => string.Concat(cell.GetProperty("source").EnumerateArray().Select(line => line.GetString()))));
    }

    [GeneratedRegex(@"(?<![\w./])((?:lib|tests|data|notebooks|docs)/[\w./*<>-]*[\w*>/])")]
    private static partial Regex NamedPath();

    [GeneratedRegex(@"/(bin|obj)/")]
    private static partial Regex BuildOutput();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Placeholder();
}
