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
    /// <summary>"code cell 3 (cell 5 of 9)": both numbers from 1.</summary>
    public string Name(int cellCount) => $"code cell {CodeCellNumber} (cell {CellIndex + 1} of {cellCount})";
}

/// <summary>A notebook's run: each code cell's status and time, the first failure if any, and the total time.</summary>
public sealed record NotebookRunResult(Notebook Notebook, IReadOnlyList<CellRun> Cells, TimeSpan Elapsed)
{
    public CellRun? Failure => Cells.FirstOrDefault(c => c.Status == CellStatus.Failed);

    public bool Succeeded => Failure is null;

    /// <summary>What `llm notebook run` exits with: 0 when every C# cell ran, 1 when one failed.</summary>
    public int ExitCode => Succeeded ? 0 : 1;

    /// <summary>The failure as one message naming the cell, or null.</summary>
    public string? FailureMessage => Failure is { } failed ? $"{failed.Name(Notebook.Cells.Count)} failed: {failed.Note}" : null;
}
