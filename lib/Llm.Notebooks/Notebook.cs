using System.Text.Json.Nodes;

namespace Llm.Notebooks;

/// <summary>
/// An nbformat 4 notebook in memory: its cells and metadata. <see cref="NotebookReader"/> and
/// <see cref="NotebookWriter"/> convert it from and to the JSON that Polyglot Notebooks writes.
/// </summary>
public sealed class Notebook
{
    public const string CSharp = "csharp";

    public List<NotebookCell> Cells { get; } = [];

    public JsonObject Metadata { get; set; } = [];

    /// <summary>4.5 and later require cell ids; we always write 5.</summary>
    public int NbformatMinor { get; set; } = 5;

    /// <summary>The kernel a cell without its own kernel name runs in.</summary>
    public string DefaultKernelName =>
        Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>() ?? CSharp;

    /// <summary>The cell's kernel, as Polyglot Notebooks picks it: its own kernelName, else its dotnet_interactive language, else the notebook's default.</summary>
    public string KernelNameOf(NotebookCell cell) =>
        cell.Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? cell.Metadata["dotnet_interactive"]?["language"]?.GetValue<string>()
        ?? DefaultKernelName;

    /// <summary>True for the code cells the runner executes: C# ones.</summary>
    public bool IsCSharp(NotebookCell cell) =>
        cell.Kind == CellKind.Code && KernelNameOf(cell) is CSharp or "C#" or "c#";

    /// <summary>A new C# notebook with the metadata VS Code's Polyglot Notebooks gives one.</summary>
    public static Notebook Create(params IEnumerable<NotebookCell> cells)
    {
        var notebook = new Notebook
        {
            Metadata = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = CSharp,
                        ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = CSharp }),
                    },
                },
            },
        };
        notebook.Cells.AddRange(cells);
        return notebook;
    }
}
