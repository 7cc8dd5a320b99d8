using System.Text.RegularExpressions;

namespace Llm.Tokenizers;

/// <summary>
/// Special tokens such as GPT-2's "&lt;|endoftext|&gt;" (id 50256): strings that are one token whenever
/// they appear in the text, never cut into bytes. Encoding first splits the text around them
/// (as Hugging Face does for added tokens); only the ordinary text between them goes through BPE.
/// </summary>
internal sealed class SpecialTokens
{
    private readonly Regex? regex;

    public SpecialTokens(IReadOnlyDictionary<string, int> ids)
    {
        Ids = ids;
        if (ids.Keys.Any(k => k.Length == 0))
        {
            throw new ArgumentException("A special token cannot be the empty string.", nameof(ids));
        }

        if (ids.Count > 0)
        {
            // Longest first, so that a special token that contains another one wins.
            var alternatives = ids.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).Select(Regex.Escape);
            regex = new Regex(string.Join("|", alternatives), RegexOptions.CultureInvariant);
        }
    }

    public IReadOnlyDictionary<string, int> Ids { get; }

    /// <summary>The text in pieces: (ordinary text, -1) or (special token, its id).</summary>
    public IEnumerable<(string Text, int Id)> Split(string text)
    {
        var position = 0;
        if (regex is not null)
        {
            foreach (Match match in regex.Matches(text))
            {
                if (match.Index > position)
                {
                    yield return (text[position..match.Index], -1);
                }

                yield return (match.Value, Ids[match.Value]);
                position = match.Index + match.Length;
            }
        }

        if (position < text.Length)
        {
            yield return (text[position..], -1);
        }
    }
}
