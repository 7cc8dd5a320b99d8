using System.Globalization;
using System.Text;
using Llm.Display;

namespace Llm.Course;

/// <summary>Lines of one source file: its path relative to the repository, its first line number, and the lines as compiled.</summary>
public sealed record SourceSnippet(string Path, int FirstLine, IReadOnlyList<string> Lines)
{
    public int LastLine => FirstLine + Lines.Count - 1;

    /// <summary>"lib/Llm/Nn/Attention.cs, lines 12–26".</summary>
    public string Heading => Lines.Count == 1
        ? $"{Path}, line {FirstLine.ToString(CultureInfo.InvariantCulture)}"
        : $"{Path}, lines {FirstLine.ToString(CultureInfo.InvariantCulture)}–{LastLine.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// What <see cref="Source.Of(Type, string)"/> returns: one or more snippets of the library's code. A
/// notebook shows it as highlighted HTML (text/plain in a terminal), each snippet headed by its
/// file and line numbers. The lines are exactly as compiled; the display only removes the
/// indentation they share.
/// </summary>
[TypeFormatterSource(typeof(LlmFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed class SourceListing(string title, IReadOnlyList<SourceSnippet> snippets)
{
    /// <summary>What was asked for, e.g. "Attention.ScaledDotProduct".</summary>
    public string Title { get; } = title;

    public IReadOnlyList<SourceSnippet> Snippets { get; } = snippets;

    /// <summary>Every line of every snippet, as plain text.</summary>
    public string Code => string.Join("\n", Snippets.SelectMany(s => s.Lines));

    /// <summary>The snippets with line numbers, for a terminal.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var snippet in Snippets)
        {
            text.Append("// ").Append(snippet.Heading).Append('\n');
            var width = snippet.LastLine.ToString(CultureInfo.InvariantCulture).Length;
            var indent = CommonIndent(snippet.Lines);
            for (var i = 0; i < snippet.Lines.Count; i++)
            {
                var number = (snippet.FirstLine + i).ToString(CultureInfo.InvariantCulture).PadLeft(width);
                text.Append(number).Append(" │ ").Append(Dedent(snippet.Lines[i], indent).TrimEnd()).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The snippets as HTML with inline styles (no scripts, no style sheets), keywords, strings and comments coloured.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<div class=\"llm-source\" style=\"margin:4px 0\">");
        foreach (var snippet in Snippets)
        {
            html.Append("<div style=\"font-family:sans-serif;font-size:12px;color:#555;margin:6px 0 2px\">")
                .Append("<b style=\"color:#222\">").Append(Html.Escape(Title)).Append("</b> — ")
                .Append(Html.Escape(snippet.Heading)).Append("</div>")
                .Append("<pre style=\"margin:0;padding:6px 8px;background:#F7F7F7;border:1px solid #DDDDDD;border-radius:4px;")
                .Append("font-family:Consolas,'DejaVu Sans Mono',Menlo,monospace;font-size:12.5px;line-height:1.45;overflow-x:auto;color:#222\">");
            var indent = CommonIndent(snippet.Lines);
            var lines = snippet.Lines.Select(l => Dedent(l, indent)).ToList();
            CSharpHighlighter.AppendHtml(html, lines, snippet.FirstLine);
            html.Append("</pre>");
        }

        return html.Append("</div>").ToString();
    }

    private static int CommonIndent(IReadOnlyList<string> lines) =>
        lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();

    private static string Dedent(string line, int indent) => line.Length >= indent ? line[indent..] : line.TrimStart();
}
