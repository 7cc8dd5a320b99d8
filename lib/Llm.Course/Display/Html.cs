using System.Text;

namespace Llm.Display;

/// <summary>
/// Escaping for text placed in HTML or SVG (both XML-like). Every label the library writes goes
/// through here, because tokens are arbitrary text: "&lt;|endoftext|&gt;", "&amp;", quotes, Chinese characters.
/// </summary>
internal static class Html
{
    /// <summary>
    /// Text safe inside an element or a double-quoted attribute. Characters XML 1.0 forbids even
    /// when escaped (most control characters, lone surrogates) become U+FFFD, so the output always parses.
    /// </summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                case '&': result.Append("&amp;"); break;
                case '"': result.Append("&quot;"); break;
                case '\'': result.Append("&#39;"); break;

                // Newlines and tabs are legal XML, but inside an attribute a parser turns them into
                // spaces; the character reference keeps them (a title tooltip may span lines).
                case '\n': result.Append("&#10;"); break;
                case '\r': result.Append("&#13;"); break;
                case '\t': result.Append("&#9;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        result.Append(c).Append(text[++i]);
                    }
                    else if (c < ' ' || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
                    {
                        result.Append('\uFFFD');
                    }
                    else
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        return result.ToString();
    }
}
