using System.Collections;
using System.Globalization;
using System.Text;

namespace Llm.Display;

/// <summary>One token: the piece of text it stands for and its id in the vocabulary.</summary>
public sealed record TokenSpan(string Text, int Id);

/// <summary>
/// Tokenized text, for display: each token a coloured span, its id shown on hover (the title
/// attribute). Independent of any tokenizer class — build it from (text, id) pairs, or from ids
/// and a function that decodes one id: <c>TokenSpans.From(ids, id => tokenizer.Decode([id]))</c>.
/// </summary>
[TypeFormatterSource(typeof(LlmFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed class TokenSpans : IReadOnlyList<TokenSpan>
{
    // Light tints of the Okabe–Ito colours, cycled so neighbouring tokens always differ.
    private static readonly string[] Tints = ["#CCE3F0", "#F6D5BF", "#C6E8DD", "#F8E4B8", "#EFD6E5", "#D6ECFA"];

    private readonly TokenSpan[] spans;

    public TokenSpans(IEnumerable<TokenSpan> spans) => this.spans = spans.ToArray();

    public TokenSpans(IEnumerable<(string Text, int Id)> pieces)
        : this(pieces.Select(p => new TokenSpan(p.Text, p.Id)))
    {
    }

    public int Count => spans.Length;

    /// <summary>The text the tokens spell.</summary>
    public string Text => string.Concat(spans.Select(s => s.Text));

    public TokenSpan this[int index] => spans[index];

    /// <summary>Tokens from their ids, decoding each id on its own.</summary>
    public static TokenSpans From(IEnumerable<int> ids, Func<int, string> decode) =>
        new(ids.Select(id => new TokenSpan(decode(id), id)));

    public IEnumerator<TokenSpan> GetEnumerator() => ((IEnumerable<TokenSpan>)spans).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The spans in HTML. Whitespace is made visible (· for a space, ↵ before a line break, → for a
    /// tab) because where a tokenizer puts spaces is much of what there is to see.
    /// </summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<div class=\"llm-tokens\" style=\"font-family:monospace;font-size:14px;line-height:2;white-space:pre-wrap;word-break:break-all\">");
        for (var i = 0; i < spans.Length; i++)
        {
            var (text, id) = (spans[i].Text, spans[i].Id);
            var title = $"id {id.ToString(CultureInfo.InvariantCulture)}";
            html.Append($"<span title=\"{Html.Escape(title)}\" data-id=\"{id.ToString(CultureInfo.InvariantCulture)}\" ")
                .Append($"style=\"background:{Tints[i % Tints.Length]};color:#111;border-radius:3px;padding:1px 1px;margin:0 1px\">")
                .Append(Html.Escape(Visible(text)))
                .Append("</span>");
        }

        html.Append("</div>");
        html.Append($"<div style=\"font-family:monospace;font-size:12px;color:#888\">{spans.Length} tokens · {Text.Length} characters</div>");
        return html.ToString();
    }

    /// <summary>For a terminal: the pieces between bars, then the ids.</summary>
    public override string ToString() =>
        "|" + string.Concat(spans.Select(s => Visible(s.Text).Replace("\n", string.Empty, StringComparison.Ordinal) + "|")) + "\n" +
        "[" + string.Join(", ", spans.Select(s => s.Id.ToString(CultureInfo.InvariantCulture))) + "]";

    private static string Visible(string text)
    {
        if (text.Length == 0)
        {
            return "∅";
        }

        var result = new StringBuilder();
        foreach (var c in text)
        {
            result.Append(c switch
            {
                ' ' => "·",
                '\n' => "↵\n",
                '\t' => "→",
                '\r' => "␍",
                _ when char.IsControl(c) => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }

        return result.ToString();
    }
}
