using System.Text.RegularExpressions;

namespace Llm.Tests.Notebooks;

/// <summary>
/// notebooks/glossary.md: one row per English term — its Chinese term, a one-line meaning and the
/// notebook that teaches it — so a learner reading the Chinese articles can find each idea.
/// </summary>
public partial class GlossaryTests
{
    private static readonly string Folder = Path.Combine(NotebookFolder.RepoRoot, "notebooks");

    [Fact]
    public void EveryRowHasATermItsChineseAMeaningAndANotebookThatExists()
    {
        var numbers = Directory.GetFiles(Folder, "*.ipynb").Select(f => Path.GetFileName(f)[..2]).ToHashSet();
        var rows = Rows();

        Assert.True(rows.Count >= 100, $"the glossary has {rows.Count} terms; the course teaches far more");
        foreach (var (english, chinese, meaning, notebook) in rows)
        {
            Assert.False(string.IsNullOrWhiteSpace(english), "a row without its English term");
            Assert.True(Cjk().IsMatch(chinese), $"'{english}': '{chinese}' holds no Chinese");
            Assert.True(meaning.Split(' ').Length >= 3, $"'{english}': the meaning '{meaning}' is not a sentence");
            Assert.Contains(notebook, numbers);
        }
    }

    [Fact]
    public void EachTermAppearsOnceInAlphabeticalOrder()
    {
        var terms = Rows().Select(r => r.English).ToArray();

        Assert.Equal(terms.Distinct(StringComparer.OrdinalIgnoreCase).Count(), terms.Length);
        Assert.Equal(terms.Order(StringComparer.OrdinalIgnoreCase), terms);
    }

    [Fact]
    public void NoTermHasASecondRowUnderAnotherName()
    {
        // A row's names: its term, the other name given in parentheses ("context window (block size)"), and each
        // side of a slash ("backpropagation / backward pass"). A name that belongs to two rows is one term twice.
        var rows = Rows();
        var shared = rows
            .SelectMany(r => NamesOf(r.English).Select(name => (Name: name, r.English)))
            .GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(n => n.English).Distinct().Count() > 1)
            .Select(g => $"'{g.Key}' names {string.Join(" and ", g.Select(n => $"'{n.English}'").Distinct())}");
        Assert.Empty(shared);

        var sameChinese = rows.GroupBy(r => r.Chinese).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r.English))}");
        Assert.Empty(sameChinese);
    }

    private static IEnumerable<string> NamesOf(string english)
    {
        var alias = AliasInParentheses().Match(english);
        var names = alias.Success ? [alias.Groups["term"].Value, alias.Groups["alias"].Value] : new[] { english };
        return names.SelectMany(n => n.Split(" / ")).Select(n => n.Trim());
    }

    [Fact]
    public void EveryTopicNotebookTeachesSomeTerm()
    {
        var taught = Rows().Select(r => r.Notebook).ToHashSet();

        foreach (var topic in Enumerable.Range(1, 16).Select(n => n.ToString("00")))
        {
            Assert.Contains(topic, taught);
        }
    }

    private static List<(string English, string Chinese, string Meaning, string Notebook)> Rows() =>
        File.ReadLines(Path.Combine(Folder, "glossary.md"))
            .Where(line => line.StartsWith("| ") && !line.StartsWith("| English |") && !line.StartsWith("| ---"))
            .Select(line => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .Select(c => c.Length == 4 ? (c[0], c[1], c[2], c[3]) : throw new InvalidDataException($"a glossary row needs 4 cells: {string.Join(" | ", c)}"))
            .ToList();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    // "term (another name)" at the end of the English column, the other name without a comma ("(β, LayerNorm bias)" is a gloss).
    [GeneratedRegex(@"^(?<term>[^(]+?) \((?<alias>[^,()]+)\)$")]
    private static partial Regex AliasInParentheses();
}
