using System.Text.Json.Nodes;

namespace Llm.Notebooks;

/// <summary>The three kinds of cell nbformat 4 knows.</summary>
public enum CellKind
{
    Markdown,
    Code,
    Raw,
}

/// <summary>
/// One cell of a notebook. <see cref="Source"/> is kept as one string (nbformat stores it as an
/// array of lines, each ending in "\n" but the last); outputs and the execution count belong to code cells only.
/// </summary>
public sealed class NotebookCell
{
    public NotebookCell(CellKind kind, string source, string? id = null)
    {
        Kind = kind;
        Source = source;
        Id = id ?? NewId();
    }

    public CellKind Kind { get; }

    /// <summary>A short unique string; nbformat 4.5 requires one on every cell.</summary>
    public string Id { get; set; }

    public string Source { get; set; }

    /// <summary>Cell metadata as found in the file (for code cells: the cell's kernel, see <see cref="Notebook.KernelNameOf"/>).</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The run's counter when the cell last ran; null when it never ran (code cells only).</summary>
    public int? ExecutionCount { get; set; }

    public List<CellOutput> Outputs { get; } = [];

    /// <summary>Images pasted into a markdown cell, kept as they are.</summary>
    public JsonObject? Attachments { get; set; }

    /// <summary>8 hex digits, like the ids VS Code gives new cells.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A markdown cell.</summary>
    public static NotebookCell Markdown(string source) => new(CellKind.Markdown, source);

    /// <summary>A C# code cell with the metadata Polyglot Notebooks writes.</summary>
    public static NotebookCell Code(string source, string kernelName = "csharp") => new(CellKind.Code, source)
    {
        Metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = kernelName },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernelName },
            ["vscode"] = new JsonObject { ["languageId"] = "polyglot-notebook" },
        },
    };
}
