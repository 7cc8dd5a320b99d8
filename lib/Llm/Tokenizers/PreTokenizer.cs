using System.Text.RegularExpressions;

namespace Llm.Tokenizers;

/// <summary>
/// Cuts text into chunks before byte-pair encoding, so that merges never cross a chunk boundary:
/// without it BPE learns tokens like "dog." and "dog!" and "dog?" for one word. GPT-2 cuts with a
/// regular expression (openai/gpt-2 src/encoder.py): contractions, a run of letters or of digits or
/// of other symbols with at most one leading space, and whitespace. The space goes with the word
/// that follows, which is why GPT-2 has " world" (id 995) as one token.
/// </summary>
public sealed class PreTokenizer
{
    /// <summary>
    /// GPT-2's pattern. \s+(?!\S) takes a run of spaces except the last, which then starts the next word.
    /// .NET's \p{L} and \p{N} test UTF-16 chars, so a letter outside the Basic Multilingual Plane (e.g. 𠀀)
    /// counts as a symbol here while Python's regex module calls it a letter; for all other text the cuts agree.
    /// </summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private readonly Regex? regex;

    /// <param name="pattern">A regular expression whose matches are the chunks; null keeps the whole text as one chunk.</param>
    public PreTokenizer(string? pattern)
    {
        Pattern = pattern;
        regex = pattern is null ? null : new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
    }

    /// <summary>GPT-2's pre-tokenizer.</summary>
    public static PreTokenizer Gpt2 { get; } = new(Gpt2Pattern);

    /// <summary>No cutting: the whole text is one chunk (fine for small worked examples; slow for long texts).</summary>
    public static PreTokenizer None { get; } = new(null);

    public string? Pattern { get; }

    /// <summary>
    /// The chunks, in order. Text between two matches (a custom pattern that skips something) becomes
    /// a chunk of its own, so the chunks always join back into the text; GPT-2's pattern skips nothing.
    /// </summary>
    public IEnumerable<string> Split(string text)
    {
        if (regex is null)
        {
            if (text.Length > 0)
            {
                yield return text;
            }

            yield break;
        }

        var position = 0;
        foreach (Match match in regex.Matches(text))
        {
            if (match.Length == 0)
            {
                continue;
            }

            if (match.Index > position)
            {
                yield return text[position..match.Index];
            }

            yield return match.Value;
            position = match.Index + match.Length;
        }

        if (position < text.Length)
        {
            yield return text[position..];
        }
    }
}
