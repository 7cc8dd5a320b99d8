using Microsoft.DotNet.Interactive.Documents;

namespace Llm.Notebooks;

/// <summary>What happened to one code cell.</summary>
public enum CellStatus
{
    Ran,
    Failed,

    /// <summary>Not C# (another kernel's cell): left as it was, with a note.</summary>
    Skipped,

    /// <summary>After a failure: the run stops there, as "Run All" does.</summary>
    NotRun,
}

/// <summary>
/// One code cell's run. <paramref name="CodeCellNumber"/> counts code cells from 1 (how a reader
/// finds it); <paramref name="CellIndex"/> is its position among all cells, from 0.
/// </summary>
public sealed record CellRun(int CellIndex, int CodeCellNumber, CellStatus Status, TimeSpan Elapsed, string? Note = null)
{
    /// <summary>What ran but must not be shipped: compiler warnings, lost or stale display updates (see <see cref="CellRecorder"/>).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>"code cell 3 (cell 5 of 9)": both numbers from 1.</summary>
    public string Name(int cellCount) => $"code cell {CodeCellNumber} (cell {CellIndex + 1} of {cellCount})";
}

/// <summary>A notebook's run: each code cell's status and time, the first failure if any, problems, and the total time.</summary>
public sealed record NotebookRunResult(InteractiveDocument Notebook, IReadOnlyList<CellRun> Cells, TimeSpan Elapsed)
{
    public CellRun? Failure => Cells.FirstOrDefault(c => c.Status == CellStatus.Failed);

    /// <summary>Every problem of every cell, each naming its cell: "code cell 3 (cell 5 of 9): compiler warning …".</summary>
    public IReadOnlyList<string> Problems =>
        Cells.SelectMany(c => c.Problems.Select(p => $"{c.Name(Notebook.Elements.Count)}: {p}")).ToList();

    /// <summary>True when every C# cell ran without a failure or a problem.</summary>
    public bool Succeeded => Failure is null && Problems.Count == 0;

    /// <summary>What `llm notebook run` exits with: 0 when every C# cell ran cleanly, 1 otherwise.</summary>
    public int ExitCode => Succeeded ? 0 : 1;

    /// <summary>The failure as one message naming the cell, else the problems one per line, else null.</summary>
    public string? FailureMessage =>
        Failure is { } failed ? $"{failed.Name(Notebook.Elements.Count)} failed: {failed.Note}"
        : Problems.Count > 0 ? string.Join("\n", Problems)
        : null;
}
