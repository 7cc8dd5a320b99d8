using Llm.Notebooks;
using Llm.Tests.Notebooks;
using Microsoft.DotNet.Interactive.Documents;

namespace Llm.Tests.Course;

/// <summary>
/// A plausible wrong answer to a Build-it-yourself exercise: <see cref="Code"/> replaces the stub cell
/// (the code cell that holds <see cref="Stub"/> and still throws NotImplementedException), and the
/// exercise's check cell (the one that holds <c>Exercise.CheckCode("<see cref="Exercise"/>"</c>) runs again.
/// </summary>
internal sealed record WrongVersion(string Exercise, string Stub, string Code);

/// <summary>
/// Runs wrong versions inside their course notebook, in quick mode: every cell up to the last check
/// the versions need runs as the learner would run it, then each version's code and a copy of its
/// check cell. What each check prints is what a learner who wrote that version would read.
/// </summary>
internal static class WrongVersions
{
    /// <summary>The line each version's check printed ("neuron: ✗ not yet — …"), in the order of <paramref name="versions"/>.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string notebookName, params WrongVersion[] versions)
    {
        var folder = Path.Combine(NotebookFolder.RepoRoot, "notebooks");
        var notebook = NotebookFile.Read(Path.Combine(folder, notebookName));
        var cells = notebook.Elements.ToList();

        int IndexOf(Func<InteractiveDocumentElement, bool> match, string what)
        {
            var index = cells.FindIndex(c => !NotebookFile.IsMarkdown(c) && match(c));
            return index >= 0 ? index : throw new InvalidOperationException($"{notebookName} has no {what}.");
        }

        var checks = versions.Select(v => IndexOf(c => c.Contents.Contains($"Exercise.CheckCode(\"{v.Exercise}\"", StringComparison.Ordinal), $"check cell for \"{v.Exercise}\"")).ToArray();
        foreach (var v in versions)
        {
            IndexOf(c => c.Contents.Contains(v.Stub, StringComparison.Ordinal) && c.Contents.Contains("throw new NotImplementedException();", StringComparison.Ordinal), $"stub cell holding '{v.Stub}'");
        }

        var run = cells.Take(checks.Max() + 1).Select(c => NotebookFile.IsMarkdown(c) ? NotebookFile.Text(c.Contents) : NotebookFile.Code(c.Contents)).ToList();
        var appended = new List<int>();
        for (var i = 0; i < versions.Length; i++)
        {
            run.Add(NotebookFile.Code(versions[i].Code));
            run.Add(NotebookFile.Code(cells[checks[i]].Contents));
            appended.Add(run.Count - 1);
        }

        var result = await new NotebookRunner { Quick = true }.RunAsync(NotebookFile.Create(run), folder);
        Assert.True(result.Succeeded, $"{notebookName} with wrong versions: {result.FailureMessage}");
        return appended.Select((cell, i) => CheckLine(result.Notebook.Elements[cell], versions[i].Exercise)).ToList();
    }

    /// <summary>
    /// The course's answer to an exercise, as its notebook writes it under "## Solutions": the code of the solution
    /// cell that holds <paramref name="stub"/>, up to the cell's first <c>Exercise.SolutionCode</c> (which would throw
    /// for a changed copy). A wrong version is often this answer with one thing changed: see <see cref="Changed"/>.
    /// </summary>
    public static string Solution(string notebookName, string stub)
    {
        var cells = NotebookFile.Read(Path.Combine(NotebookFolder.RepoRoot, "notebooks", notebookName)).Elements.ToList();
        var solutions = cells.FindIndex(c => NotebookFile.IsMarkdown(c) && c.Contents.Contains("## Solutions", StringComparison.Ordinal));
        var cell = Assert.Single(cells.Skip(solutions + 1), c => !NotebookFile.IsMarkdown(c) && c.Contents.Contains(stub, StringComparison.Ordinal));
        var end = cell.Contents.IndexOf("Exercise.SolutionCode", StringComparison.Ordinal);
        return (end < 0 ? cell.Contents : cell.Contents[..end]).TrimEnd();
    }

    /// <summary>The code with each (old, new) replaced, every old text present exactly once, so that a wrong version says what it changes.</summary>
    public static string Changed(string code, params (string Old, string New)[] changes)
    {
        foreach (var (old, replacement) in changes)
        {
            var at = code.IndexOf(old, StringComparison.Ordinal);
            Assert.True(at >= 0 && code.IndexOf(old, at + 1, StringComparison.Ordinal) < 0, $"the code should hold exactly one '{old}'");
            code = code[..at] + replacement + code[(at + old.Length)..];
        }

        return code;
    }

    private static string CheckLine(InteractiveDocumentElement cell, string exercise)
    {
        var printed = string.Concat(cell.Outputs.OfType<TextElement>().Where(t => t.Name == "stdout").Select(t => t.Text));
        return Assert.Single(printed.Split('\n'), line => line.StartsWith($"{exercise}: ", StringComparison.Ordinal));
    }
}
