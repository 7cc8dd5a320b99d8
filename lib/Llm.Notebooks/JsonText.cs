using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Llm.Notebooks;

/// <summary>
/// JSON text exactly as VS Code saves a notebook: JavaScript's JSON.stringify(value, undefined, " ")
/// over an object whose keys were sorted, plus a final newline. Written by hand because
/// System.Text.Json escapes non-ASCII and HTML characters ("&lt;" as \u003C) where JavaScript writes
/// them as they are, and a notebook saved by both should not change on every save.
/// </summary>
public static class JsonText
{
    public static string Write(JsonNode? node, string indent = " ")
    {
        var text = new StringBuilder();
        Write(text, node, indent, 0);
        return text.Append('\n').ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, string indent, int depth)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj when obj.Count == 0:
                text.Append("{}");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                // Ordinal, as JavaScript's Array.prototype.sort compares UTF-16 code units.
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? "\n" : ",\n");
                    first = false;
                    Indent(text, indent, depth + 1);
                    WriteString(text, key);
                    text.Append(": ");
                    Write(text, value, indent, depth + 1);
                }

                text.Append('\n');
                Indent(text, indent, depth);
                text.Append('}');
                break;
            case JsonArray array when array.Count == 0:
                text.Append("[]");
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? "\n" : ",\n");
                    Indent(text, indent, depth + 1);
                    Write(text, array[i], indent, depth + 1);
                }

                text.Append('\n');
                Indent(text, indent, depth);
                text.Append(']');
                break;
            default:
                WriteValue(text, node.AsValue());
                break;
        }
    }

    private static void WriteValue(StringBuilder text, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(text, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Number:
                // Shortest round-trip form, as JavaScript writes numbers (notebooks hold counts and versions).
                text.Append(value.ToJsonString());
                break;
            default:
                text.Append("null");
                break;
        }
    }

    /// <summary>JSON.stringify's escaping: quote, backslash and control characters only.</summary>
    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\b' => text.Append("\\b"),
                '\f' => text.Append("\\f"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                < ' ' => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        text.Append('"');
    }

    private static void Indent(StringBuilder text, string indent, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            text.Append(indent);
        }
    }
}
