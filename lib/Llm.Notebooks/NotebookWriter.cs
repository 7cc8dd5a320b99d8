using System.Text.Json.Nodes;

namespace Llm.Notebooks;

/// <summary>
/// Writes a <see cref="Notebook"/> in the shape VS Code's Polyglot Notebooks saves (see
/// docs/notebooks.md): keys sorted, one-space indent, text as arrays of lines, values as
/// display_data, console output as stream, failures as error. The result passes nbformat.validate.
/// </summary>
public static class NotebookWriter
{
    public static string ToJson(Notebook notebook) => JsonText.Write(ToNode(notebook));

    /// <summary>
    /// Saves atomically: the new text goes to a temporary file in the same folder, which then
    /// replaces the notebook, so an interrupted run never leaves half a notebook behind.
    /// </summary>
    public static void Save(Notebook notebook, string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, ToJson(notebook));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static JsonObject ToNode(Notebook notebook) => new()
    {
        ["cells"] = new JsonArray(notebook.Cells.Select(Cell).ToArray<JsonNode?>()),
        ["metadata"] = notebook.Metadata.DeepClone(),
        ["nbformat"] = 4,
        ["nbformat_minor"] = notebook.NbformatMinor,
    };

    /// <summary>
    /// VS Code's splitMultilineString: one entry per line, each ending in "\n" except the last,
    /// and no empty last entry ("a\nb\n" gives ["a\n", "b\n"]).
    /// </summary>
    public static JsonArray Lines(string text)
    {
        var lines = text.Split('\n');
        var result = new JsonArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = i < lines.Length - 1 ? lines[i] + "\n" : lines[i];
            if (line.Length > 0)
            {
                result.Add(line);
            }
        }

        return result;
    }

    private static JsonObject Cell(NotebookCell cell)
    {
        var node = new JsonObject
        {
            ["cell_type"] = cell.Kind switch { CellKind.Markdown => "markdown", CellKind.Code => "code", _ => "raw" },
            ["id"] = cell.Id,
            ["metadata"] = cell.Metadata.DeepClone(),
            ["source"] = Lines(cell.Source.ReplaceLineEndings("\n")),
        };
        if (cell.Kind == CellKind.Code)
        {
            node["execution_count"] = cell.ExecutionCount;
            node["outputs"] = new JsonArray(cell.Outputs.Select(Output).ToArray<JsonNode?>());
        }
        else if (cell.Attachments is not null)
        {
            node["attachments"] = cell.Attachments.DeepClone();
        }

        return node;
    }

    private static JsonObject Output(CellOutput output) => output switch
    {
        StreamOutput stream => new JsonObject
        {
            ["name"] = stream.Name,
            ["output_type"] = "stream",
            ["text"] = Lines(stream.Text),
        },
        DisplayOutput display => Display(display),
        ErrorOutput error => new JsonObject
        {
            ["ename"] = error.Name,
            ["evalue"] = error.Value,
            ["output_type"] = "error",
            ["traceback"] = new JsonArray(error.Traceback.Select(line => (JsonNode?)line).ToArray()),
        },
        _ => throw new ArgumentException($"unknown output {output.GetType().Name}", nameof(output)),
    };

    private static JsonObject Display(DisplayOutput display)
    {
        var data = new JsonObject();
        foreach (var (mimeType, content) in display.Data)
        {
            data[mimeType] = MimeValue(mimeType, content);
        }

        var node = new JsonObject
        {
            ["data"] = data,
            ["metadata"] = display.Metadata?.DeepClone() ?? new JsonObject(),
            ["output_type"] = display.ExecutionCount is null ? "display_data" : "execute_result",
        };
        if (display.ExecutionCount is { } count)
        {
            node["execution_count"] = count;
        }

        return node;
    }

    /// <summary>As VS Code stores each MIME type: text as lines, JSON as JSON, the rest (SVG, base64 PNG) as one string.</summary>
    private static JsonNode? MimeValue(string mimeType, string content)
    {
        if (mimeType.StartsWith("text/", StringComparison.Ordinal))
        {
            return Lines(content);
        }

        if (mimeType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return JsonNode.Parse(content);
            }
            catch (System.Text.Json.JsonException)
            {
                return content;
            }
        }

        return content;
    }
}
