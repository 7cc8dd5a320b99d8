using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Llm.Tests.Notebooks;

/// <summary>
/// Every notebook ends its Chinese summary (## 中文小结) in the same words: a notebook is a 课 (第 7 课,
/// 这一课, 下一课; 节 is a section inside one), and the Build it yourself section is “自己动手”.
/// </summary>
public partial class ChineseSummaryTests
{
    public static TheoryData<string> Notebooks =>
        new(Directory.GetFiles(Path.Combine(NotebookFolder.RepoRoot, "notebooks"), "*.ipynb").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void TheChineseSummaryCallsANotebookA课AndNamesTheBuildSection(string name)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(NotebookFolder.RepoRoot, "notebooks", name)))!;
        var summaries = json["cells"]!.AsArray()
            .Select(c => string.Concat(c!["source"]!.AsArray().Select(l => l!.GetValue<string>())))
            .Where(text => text.StartsWith("## 中文小结", StringComparison.Ordinal))
            .ToArray();

        var summary = Assert.Single(summaries);
        Assert.Contains("“自己动手”", summary, StringComparison.Ordinal);
        Assert.DoesNotMatch(OtherNames(), summary);
    }

    // 篇 or 本笔记 for a notebook, or 节 used for the whole notebook (这一节, 本节, 下一节) rather than a section of it.
    [GeneratedRegex(@"第 ?\d+ ?篇|这一?篇|本篇|下一篇|本笔记|这一节|本节|下一节|上一节|[“""]动手实现[”""]")]
    private static partial Regex OtherNames();
}
