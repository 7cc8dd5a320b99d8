using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Llm.Notebooks;

/// <summary>
/// .ipynb files in and out through the kernel's own Documents library (the code Polyglot
/// Notebooks saves notebooks with): an <see cref="InteractiveDocument"/> is the notebook, each
/// <see cref="InteractiveDocumentElement"/> a cell, with its kernel name, source and outputs.
/// </summary>
public static class NotebookFile
{
    public const string CSharp = "csharp";
    public const string Markdown = "markdown";

    public static InteractiveDocument Read(string path)
    {
        var json = File.ReadAllText(path);
        try
        {
            // Documents reads any version; the course's files, and what it writes, are nbformat 4.
            using (var header = JsonDocument.Parse(json))
            {
                if (header.RootElement.TryGetProperty("nbformat", out var version) && version.GetInt32() != 4)
                {
                    throw new InvalidDataException($"{path} is an nbformat {version} notebook; only nbformat 4 is read: open and save it in Jupyter or VS Code to convert it.");
                }
            }

            return Notebook.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a readable .ipynb notebook: {e.Message}", e);
        }
    }

    /// <summary>The notebook as Polyglot Notebooks writes it: one-space indent, text as arrays of lines, a newline at the end.</summary>
    public static string ToJson(InteractiveDocument document)
    {
        // nbformat 4.5 requires an id on every cell; a cell made in code has none yet.
        foreach (var element in document.Elements.Where(e => e.Id is null))
        {
            element.Id = Guid.NewGuid().ToString("N")[..8];
        }

        return document.ToJupyterJson() + "\n";
    }

    /// <summary>
    /// Saves atomically: the new text goes to a temporary file in the same folder, which then
    /// replaces the notebook, so an interrupted run never leaves half a notebook behind.
    /// </summary>
    public static void Save(InteractiveDocument document, string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, ToJson(document));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>An output's content as one string: Documents keeps text read from a file as its array of lines.</summary>
    public static string TextOf(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        IEnumerable<object> lines => string.Concat(lines),
        _ => value.ToString() ?? string.Empty,
    };

    public static bool IsMarkdown(InteractiveDocumentElement cell) => cell.KernelName == Markdown;

    /// <summary>The cell's kernel as Polyglot Notebooks picks it: its own, else the notebook's default, else C#.</summary>
    public static string KernelNameOf(InteractiveDocument document, InteractiveDocumentElement cell) =>
        cell.KernelName ?? document.GetDefaultKernelName() ?? CSharp;

    /// <summary>True for the code cells the runner executes: C# ones.</summary>
    public static bool IsCSharp(InteractiveDocument document, InteractiveDocumentElement cell) =>
        !IsMarkdown(cell) && KernelNameOf(document, cell) is CSharp or "C#" or "c#";

    /// <summary>A new C# notebook with the metadata VS Code's Polyglot Notebooks gives one.</summary>
    public static InteractiveDocument Create(params IEnumerable<InteractiveDocumentElement> cells)
    {
        var document = new InteractiveDocument(cells.ToList());
        document.Metadata["kernelspec"] = new Dictionary<string, object> { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" };
        document.Metadata["language_info"] = new Dictionary<string, object> { ["name"] = "polyglot-notebook" };
        document.Metadata["polyglot_notebook"] = new Dictionary<string, object>
        {
            ["kernelInfo"] = new Dictionary<string, object>
            {
                ["defaultKernelName"] = CSharp,
                ["items"] = new object[] { new Dictionary<string, object> { ["aliases"] = Array.Empty<object>(), ["name"] = CSharp } },
            },
        };
        return document;
    }

    /// <summary>A C# cell, with the metadata VS Code gives one.</summary>
    public static InteractiveDocumentElement Code(string source, string kernelName = CSharp) => new(source, kernelName)
    {
        Metadata = new Dictionary<string, object> { ["vscode"] = new Dictionary<string, object> { ["languageId"] = "polyglot-notebook" } },
    };

    public static InteractiveDocumentElement Text(string markdown) => new(markdown, Markdown);
}
