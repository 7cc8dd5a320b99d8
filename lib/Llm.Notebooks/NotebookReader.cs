using System.Text.Json;
using System.Text.Json.Nodes;

namespace Llm.Notebooks;

/// <summary>
/// Reads an nbformat 4 .ipynb file into a <see cref="Notebook"/>. Multi-line strings may be one
/// string or an array of lines (both are valid nbformat); they are joined into one string.
/// </summary>
public static class NotebookReader
{
    public static Notebook Read(string path) => Parse(File.ReadAllText(path), path);

    public static Notebook Parse(string json, string name = "notebook")
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{name}: not a notebook (the JSON is not an object).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: not valid JSON ({e.Message})");
        }

        if (root["nbformat"]?.GetValue<int>() is not 4)
        {
            throw new InvalidDataException($"{name}: only nbformat 4 notebooks are supported.");
        }

        var notebook = new Notebook
        {
            Metadata = root["metadata"]?.DeepClone() as JsonObject ?? [],
            NbformatMinor = root["nbformat_minor"]?.GetValue<int>() ?? 5,
        };
        foreach (var node in root["cells"] as JsonArray ?? [])
        {
            if (node is JsonObject cell)
            {
                notebook.Cells.Add(ReadCell(cell, name));
            }
        }

        return notebook;
    }

    /// <summary>nbformat's "multiline string": one string, or an array of lines to concatenate.</summary>
    internal static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(line => line?.GetValue<string>())),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        null => string.Empty,
        _ => node.ToJsonString(),
    };

    private static NotebookCell ReadCell(JsonObject cell, string name)
    {
        var kind = cell["cell_type"]?.GetValue<string>() switch
        {
            "markdown" => CellKind.Markdown,
            "code" => CellKind.Code,
            "raw" => CellKind.Raw,
            var other => throw new InvalidDataException($"{name}: unknown cell_type '{other}'."),
        };
        var result = new NotebookCell(kind, Text(cell["source"]), cell["id"]?.GetValue<string>())
        {
            Metadata = cell["metadata"]?.DeepClone() as JsonObject ?? [],
            ExecutionCount = cell["execution_count"]?.GetValue<int>(),
            Attachments = cell["attachments"]?.DeepClone() as JsonObject,
        };
        foreach (var output in cell["outputs"] as JsonArray ?? [])
        {
            if (output is JsonObject o && ReadOutput(o) is { } read)
            {
                result.Outputs.Add(read);
            }
        }

        return result;
    }

    private static CellOutput? ReadOutput(JsonObject output) => output["output_type"]?.GetValue<string>() switch
    {
        "stream" => new StreamOutput(output["name"]?.GetValue<string>() ?? StreamOutput.StandardOutput, Text(output["text"])),
        "display_data" or "execute_result" => new DisplayOutput(
            (output["data"] as JsonObject ?? []).Select(d => new KeyValuePair<string, string>(d.Key, Text(d.Value))).ToList())
        {
            Metadata = output["metadata"]?.DeepClone() as JsonObject,
            ExecutionCount = output["output_type"]?.GetValue<string>() == "execute_result" ? output["execution_count"]?.GetValue<int>() ?? 0 : null,
        },
        "error" => new ErrorOutput(
            output["ename"]?.GetValue<string>() ?? string.Empty,
            output["evalue"]?.GetValue<string>() ?? string.Empty,
            (output["traceback"] as JsonArray ?? []).Select(line => line?.GetValue<string>() ?? string.Empty).ToList()),
        _ => null,
    };
}
