using System.Globalization;
using System.Text;
using Llm.Display;

namespace Llm.Course;

/// <summary>
/// Just enough of a C# lexer to colour code for reading: comments, string and character literals
/// (interpolated ones included), keywords and numbers. Not a parser; anything else stays plain.
/// </summary>
internal static class CSharpHighlighter
{
    private const string CommentStyle = "color:#6A7F6A;font-style:italic";
    private const string StringStyle = "color:#B8470A";
    private const string KeywordStyle = "color:#0062A0;font-weight:600";
    private const string NumberStyle = "color:#008060";
    private const string LineNumberStyle = "color:#999999;user-select:none";

    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while", "var", "record", "init", "get", "set", "value", "yield", "async",
        "await", "when", "with", "and", "or", "not", "nameof", "required", "partial", "where",
    ];

    /// <summary>Appends the lines, each after its line number, coloured; a token that spans lines is coloured on each.</summary>
    public static void AppendHtml(StringBuilder html, IReadOnlyList<string> lines, int firstLine)
    {
        var width = (firstLine + lines.Count - 1).ToString(CultureInfo.InvariantCulture).Length;
        var lineNumber = firstLine;
        void Number() => html.Append($"<span style=\"{LineNumberStyle}\">")
            .Append(lineNumber++.ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append("  </span>");

        Number();
        foreach (var (text, style) in Tokens(string.Join("\n", lines)))
        {
            var pieces = text.Split('\n');
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0)
                {
                    html.Append('\n');
                    Number();
                }

                if (pieces[i].Length == 0)
                {
                    continue;
                }

                var escaped = Html.Escape(pieces[i]);
                html.Append(style is null ? escaped : $"<span style=\"{style}\">{escaped}</span>");
            }
        }
    }

    /// <summary>The text cut into tokens, each with its style (null for plain text).</summary>
    internal static IEnumerable<(string Text, string? Style)> Tokens(string code)
    {
        var i = 0;
        while (i < code.Length)
        {
            var start = i;
            var c = code[i];
            string? style = null;
            if (c == '/' && At(code, i + 1) == '/')
            {
                i = code.IndexOf('\n', i) is var end and >= 0 ? end : code.Length;
                style = CommentStyle;
            }
            else if (c == '/' && At(code, i + 1) == '*')
            {
                i = code.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : code.Length;
                style = CommentStyle;
            }
            else if (c is '"' or '\'' or '$' or '@' && StringEnd(code, i) is var stringEnd and > 0)
            {
                i = stringEnd;
                style = StringStyle;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < code.Length && (char.IsLetterOrDigit(code[i]) || code[i] == '_'))
                {
                    i++;
                }

                style = Keywords.Contains(code[start..i]) ? KeywordStyle : null;
            }
            else if (char.IsDigit(c))
            {
                while (i < code.Length && (char.IsLetterOrDigit(code[i]) || code[i] == '.' && char.IsDigit(At(code, i + 1))))
                {
                    i++;
                }

                style = NumberStyle;
            }
            else
            {
                i++;
            }

            yield return (code[start..i], style);
        }
    }

    // The end (exclusive) of a string or character literal starting at i, or 0 when none starts
    // there. Handles $"…{expr}…" (with strings inside the braces), @"…""…" and escapes.
    private static int StringEnd(string code, int i)
    {
        var (interpolated, verbatim) = (false, false);
        while (i < code.Length && code[i] is '$' or '@')
        {
            interpolated |= code[i] == '$';
            verbatim |= code[i] == '@';
            i++;
        }

        if (i >= code.Length || code[i] is not ('"' or '\'') || (code[i] == '\'' && (interpolated || verbatim)))
        {
            return 0;
        }

        var quote = code[i++];
        var depth = 0;
        while (i < code.Length)
        {
            var c = code[i];
            if (depth > 0)
            {
                i = c is '"' or '\'' && StringEnd(code, i) is var inner and > 0 ? inner : i + 1;
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            else if (c == '\\' && !verbatim)
            {
                i += 2;
            }
            else if (c == quote && verbatim && At(code, i + 1) == quote)
            {
                i += 2;
            }
            else if (c == quote)
            {
                return i + 1;
            }
            else if (interpolated && c == '{')
            {
                // "{{" is a literal brace; a single one opens an expression.
                depth += At(code, i + 1) == '{' ? 0 : 1;
                i += At(code, i + 1) == '{' ? 2 : 1;
            }
            else if (c == '\n' && !verbatim)
            {
                return i;
            }
            else
            {
                i++;
            }
        }

        return code.Length;
    }

    private static char At(string code, int i) => i < code.Length ? code[i] : '\0';
}
