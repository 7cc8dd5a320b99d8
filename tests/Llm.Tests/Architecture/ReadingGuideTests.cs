using System.Globalization;
using System.Text.RegularExpressions;
using Llm.Tests.Notebooks;

namespace Llm.Tests.Architecture;

/// <summary>docs/reading-the-library.md describes the house as it is: its folders in the tested order, their sizes, and files that exist.</summary>
public partial class ReadingGuideTests
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(NotebookFolder.RepoRoot, "docs", "reading-the-library.md"));
    private static readonly string Engine = Path.Combine(NotebookFolder.RepoRoot, "lib", "Llm");

    [Fact]
    public void TheFolderTableFollowsTheTestedOrderWithTheirSizes()
    {
        var rows = FolderRow().Matches(Guide).Select(m => (Folder: m.Groups[1].Value, Lines: int.Parse(m.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture))).ToList();

        Assert.Equal(EngineLayers.Order, rows.Select(r => r.Folder));
        foreach (var (folder, stated) in rows)
        {
            var actual = Directory.EnumerateFiles(Path.Combine(Engine, folder), "*.cs", SearchOption.AllDirectories).Sum(f => File.ReadLines(f).Count());
            Assert.True(Math.Abs(actual - stated) <= 0.1 * actual, $"the guide gives {folder}/ {stated} lines; it has {actual}: update the table");
        }
    }

    [Fact]
    public void EveryPrimitiveFolderAndEveryFileItNamesExists()
    {
        var primitives = Directory.GetDirectories(Path.Combine(Engine, "Kernels")).Select(Path.GetFileName).Where(d => d is not ("Cpu" or "Cuda" or "Reference" or "Profiling"));
        Assert.All(primitives, p => Assert.Contains($"`{p}/`", Guide, StringComparison.Ordinal));

        var files = Directory.EnumerateFiles(Path.Combine(NotebookFolder.RepoRoot, "lib"), "*.cs", SearchOption.AllDirectories).Select(Path.GetFileName).ToHashSet();
        var named = FileName().Matches(Guide).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(named.Count > 50, $"the guide names only {named.Count} files");
        Assert.All(named, name => Assert.True(files.Contains(name), $"the guide names {name}, which no longer exists"));
    }

    [GeneratedRegex(@"^\| `(\w+)/` \| ([\d,]+) \|", RegexOptions.Multiline)]
    private static partial Regex FolderRow();

    [GeneratedRegex(@"`(?:[\w/]*/)?(\w[\w.]*\.cs)`")]
    private static partial Regex FileName();
}
