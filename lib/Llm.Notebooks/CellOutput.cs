using System.Text.Json.Nodes;

namespace Llm.Notebooks;

/// <summary>What a code cell showed, in the three shapes Polyglot Notebooks saves.</summary>
public abstract record CellOutput;

/// <summary>Console output: <paramref name="Name"/> is "stdout" or "stderr".</summary>
public sealed record StreamOutput(string Name, string Text) : CellOutput
{
    public const string StandardOutput = "stdout";
    public const string StandardError = "stderr";
}

/// <summary>
/// A displayed value: the same value in one or more MIME types, most preferred first ("text/plain",
/// "text/html", "image/svg+xml", base64 "image/png"…); the front end shows the richest it can.
/// Return values are saved as display_data too; an execute_result read from a file keeps its count.
/// </summary>
public sealed record DisplayOutput(IReadOnlyList<KeyValuePair<string, string>> Data) : CellOutput
{
    public JsonObject? Metadata { get; init; }

    /// <summary>Set only for an execute_result read from a file written by another front end.</summary>
    public int? ExecutionCount { get; init; }

    public string? this[string mimeType] => Data.FirstOrDefault(d => d.Key == mimeType).Value;

    public static DisplayOutput Of(string mimeType, string content) => new([new(mimeType, content)]);
}

/// <summary>A failure: <paramref name="Name"/> and <paramref name="Value"/> say what, <paramref name="Traceback"/> where.</summary>
public sealed record ErrorOutput(string Name, string Value, IReadOnlyList<string> Traceback) : CellOutput;
