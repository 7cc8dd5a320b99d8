using System.Text;
using System.Text.Json.Nodes;

namespace Llm.Tokenizers;

/// <summary>
/// One token per word, from a word list given explicitly (the course's small examples: "妈妈",
/// "回家", "吃饭", ...). Chinese has no spaces between words, so encoding does not split on spaces:
/// it cuts the text from left to right, each time taking the longest word of the list that the
/// rest of the text starts with — forward maximum matching (正向最大匹配), the classic first method
/// of Chinese word segmentation. Spaces and punctuation are words too when the list has them
/// (put " " in the list for English), so decoding is plain concatenation and gives the text back exactly.
/// The vocabulary is closed: text that no word covers is an error, or, when an unknown token is
/// given, each uncovered character becomes that token (and the original character is lost).
/// </summary>
public sealed class WordTokenizer : ITokenizer
{
    internal const string TypeName = "word";

    private readonly string[] words;
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly int longestWord;

    private WordTokenizer(string[] words, string? unknownToken)
    {
        this.words = words;
        for (var id = 0; id < words.Length; id++)
        {
            if (words[id].Length == 0)
            {
                throw new ArgumentException("The word list contains an empty string, which cannot be a token.", nameof(words));
            }

            TokenizerErrors.CheckWellFormed(words[id]);
            if (!ids.TryAdd(words[id], id))
            {
                throw new ArgumentException($"The word '{words[id]}' appears twice in the word list.", nameof(words));
            }
        }

        lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        longestWord = words.Max(w => w.Length);
        UnknownToken = unknownToken;
        UnknownId = unknownToken is null ? null : ids[unknownToken];
    }

    public int VocabSize => words.Length;

    /// <summary>The vocabulary in id order: Words[id] is the text of token id.</summary>
    public IReadOnlyList<string> Words => words;

    /// <summary>The token that stands for text no word covers (e.g. "&lt;unk&gt;"), or null when such text is an error.</summary>
    public string? UnknownToken { get; }

    public int? UnknownId { get; }

    /// <summary>
    /// Ids follow the list: the first word is id 0. An unknown token, when given and not already
    /// in the list, is added at the end, so the listed words keep the ids a learner wrote down.
    /// </summary>
    public static WordTokenizer FromWords(IEnumerable<string> words, string? unknownToken = null)
    {
        var list = words.ToList();
        if (unknownToken is not null && !list.Contains(unknownToken))
        {
            list.Add(unknownToken);
        }

        return list.Count > 0
            ? new WordTokenizer([.. list], unknownToken)
            : throw new ArgumentException("The word list is empty.", nameof(words));
    }

    /// <summary>Reads a file written by <see cref="Save"/>.</summary>
    public static WordTokenizer Load(string path) => TokenizerFile.Load<WordTokenizer>(path);

    public int[] Encode(string text)
    {
        var result = new List<int>();
        var position = 0;
        while (position < text.Length)
        {
            if (TryMatch(text.AsSpan(position), out var id, out var length))
            {
                result.Add(id);
                position += length;
                continue;
            }

            // No word starts here: the next character is unknown.
            var rune = TokenizerErrors.RuneAt(text, position);
            result.Add(UnknownId ?? throw TokenizerErrors.UnknownCharacter(rune, position, nameof(WordTokenizer), VocabSize,
                "No word of the list starts with it. Add a word that covers it (a space or punctuation mark is a word too), " +
                "or create the tokenizer with an unknown token: WordTokenizer.FromWords(words, unknownToken: \"<unk>\")."));
            position += rune.Utf16SequenceLength;
        }

        return [.. result];
    }

    public string Decode(IEnumerable<int> ids) => string.Concat(ids.Select(IdToToken));

    public string IdToToken(int id) =>
        (uint)id < (uint)words.Length ? words[id] : throw TokenizerErrors.IdOutOfRange(id, VocabSize);

    public StreamDecoder CreateStreamDecoder() => new(id => Encoding.UTF8.GetBytes(IdToToken(id)));

    /// <summary>Writes {"type": "word", "vocab": [...words in id order], "unknown_token": "&lt;unk&gt;" or null}.</summary>
    public void Save(string path) =>
        TokenizerFile.Save(path, TypeName, new JsonObject
        {
            ["vocab"] = new JsonArray([.. words.Select(w => (JsonNode)w)]),
            ["unknown_token"] = UnknownToken,
        });

    internal static WordTokenizer FromJson(JsonObject json) =>
        new([.. TokenizerFile.Field(json, "vocab").AsArray().Select(n => n!.GetValue<string>())],
            json["unknown_token"]?.GetValue<string>());

    /// <summary>The longest word the text starts with (the unknown token itself is never matched in text).</summary>
    private bool TryMatch(ReadOnlySpan<char> text, out int id, out int length)
    {
        for (length = Math.Min(longestWord, text.Length); length > 0; length--)
        {
            if (lookup.TryGetValue(text[..length], out id) && id != UnknownId)
            {
                return true;
            }
        }

        id = -1;
        return false;
    }
}
