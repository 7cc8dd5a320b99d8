using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace Llm.Notebooks;

/// <summary>
/// A cell's outputs as a terminal can show them: text as it is, a picture as a one-line note
/// ("[picture: image/svg+xml, 12 KB]"), HTML reduced to its text.
/// </summary>
public static partial class TerminalView
{
    public static string Describe(InteractiveDocumentOutputElement output) => output switch
    {
        TextElement stream => stream.Text,
        DisplayElement display => Describe(display.Data) + "\n",
        ReturnValueElement value => Describe(value.Data) + "\n",
        ErrorElement error => $"{error.ErrorName}: {error.ErrorValue}\n",
        _ => string.Empty,
    };

    /// <summary>One displayed value: its pictures as notes, then its plain text, else the text of its HTML.</summary>
    public static string Describe(IDictionary<string, object> data)
    {
        var lines = new List<string>();
        var display = data.ToDictionary(d => d.Key, d => NotebookFile.TextOf(d.Value));
        foreach (var (mimeType, content) in display.Where(d => d.Key.StartsWith("image/", StringComparison.Ordinal)))
        {
            // Pictures other than SVG are base64: about 3 bytes for every 4 characters.
            var bytes = mimeType == "image/svg+xml" ? Encoding.UTF8.GetByteCount(content) : content.Length * 3 / 4;
            lines.Add($"[picture: {mimeType}, {Size(bytes)}]");
        }

        if (display.GetValueOrDefault("text/plain") is { } text)
        {
            lines.Add(text);
        }
        else if (display.GetValueOrDefault("text/html") is { } html && lines.Count == 0)
        {
            var reduced = HtmlToText(html);
            lines.Add(reduced.Length > 0 ? reduced : $"[html, {Size(Encoding.UTF8.GetByteCount(html))}]");
        }
        else if (lines.Count == 0)
        {
            lines.AddRange(display.Select(d => $"[{d.Key}, {Size(Encoding.UTF8.GetByteCount(d.Value))}]"));
        }

        return string.Join("\n", lines);
    }

    /// <summary>The text a browser would show, roughly: no scripts or styles, a line break per block, entities decoded.</summary>
    public static string HtmlToText(string html)
    {
        var text = HiddenBlocks().Replace(html, string.Empty);
        text = BlockTags().Replace(text, "\n");
        text = TableCells().Replace(text, " ");
        text = Tags().Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text);
        var lines = text.Split('\n').Select(line => Spaces().Replace(line, " ").Trim()).Where(line => line.Length > 0);
        return string.Join("\n", lines);
    }

    private static string Size(int bytes) => bytes < 1024
        ? $"{bytes} B"
        : string.Create(CultureInfo.InvariantCulture, $"{(bytes + 1023) / 1024} KB");

    [GeneratedRegex(@"<(script|style|svg)\b.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex HiddenBlocks();

    [GeneratedRegex(@"<(br|/p|/div|/tr|/li|/h[1-6]|/table|/pre)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTags();

    [GeneratedRegex(@"</t[dh]\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex TableCells();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\r\f]+")]
    private static partial Regex Spaces();
}
