using System.Text;
using System.Text.Json.Nodes;

namespace Llm.Tokenizers;

/// <summary>
/// One token per character: the vocabulary is every distinct character of a training text, sorted
/// by code point, and a character's id is its place in that list (as in Karpathy's nanoGPT
/// shakespeare_char: stoi = {ch: i for i, ch in enumerate(sorted(set(text)))}).
/// For Chinese this is natural — a Tang poem line "床前明月光" is five tokens.
/// A "character" here is a Unicode scalar value (<see cref="Rune"/>), not a UTF-16 char,
/// so characters outside the Basic Multilingual Plane (rare CJK, emoji) are one token, not two halves.
/// The vocabulary is closed: a character the training text never had cannot be encoded.
/// </summary>
public sealed class CharTokenizer : ITokenizer
{
    internal const string TypeName = "char";

    private readonly Rune[] characters;
    private readonly Dictionary<Rune, int> ids = [];

    private CharTokenizer(IEnumerable<Rune> characters)
    {
        this.characters = [.. characters.Distinct().Order()];
        for (var id = 0; id < this.characters.Length; id++)
        {
            ids[this.characters[id]] = id;
        }
    }

    public int VocabSize => characters.Length;

    /// <summary>The vocabulary in id order: Characters[id] is the character of token id.</summary>
    public IReadOnlyList<Rune> Characters => characters;

    /// <summary>Builds the vocabulary from the distinct characters of a text, sorted by code point.</summary>
    public static CharTokenizer FromText(string text) => new(TokenizerErrors.Runes(text).Select(r => r.Rune));

    /// <summary>Reads a file written by <see cref="Save"/>.</summary>
    public static CharTokenizer Load(string path) => TokenizerFile.Load<CharTokenizer>(path);

    public int[] Encode(string text)
    {
        var result = new List<int>(text.Length);
        foreach (var (rune, index) in TokenizerErrors.Runes(text))
        {
            if (!ids.TryGetValue(rune, out var id))
            {
                throw TokenizerErrors.UnknownCharacter(rune, index, nameof(CharTokenizer), VocabSize,
                    "Build the tokenizer from a text that contains it (CharTokenizer.FromText), or remove or replace the character.");
            }

            result.Add(id);
        }

        return [.. result];
    }

    public string Decode(IEnumerable<int> ids)
    {
        var builder = new StringBuilder();
        foreach (var id in ids)
        {
            builder.Append(CharacterOf(id).ToString());
        }

        return builder.ToString();
    }

    public string IdToToken(int id) => CharacterOf(id).ToString();

    public StreamDecoder CreateStreamDecoder() => new(id => Encoding.UTF8.GetBytes(CharacterOf(id).ToString()));

    /// <summary>Writes {"type": "char", "vocab": ["\n", "，", "床", ...]}: the characters in id order.</summary>
    public void Save(string path) =>
        TokenizerFile.Save(path, TypeName, new JsonObject
        {
            ["vocab"] = new JsonArray([.. characters.Select(c => (JsonNode)c.ToString())]),
        });

    internal static CharTokenizer FromJson(JsonObject json)
    {
        var vocab = TokenizerFile.Field(json, "vocab").AsArray().Select(n => n!.GetValue<string>()).ToArray();
        var runes = vocab.Select(s => Rune.DecodeFromUtf16(s, out var rune, out var length) == System.Buffers.OperationStatus.Done && length == s.Length
            ? rune
            : throw new InvalidDataException($"Character tokenizer file: \"{s}\" is not exactly one character.")).ToArray();
        var tokenizer = new CharTokenizer(runes);
        if (!tokenizer.characters.SequenceEqual(runes))
        {
            throw new InvalidDataException("Character tokenizer file: the vocabulary must be distinct characters sorted by code point.");
        }

        return tokenizer;
    }

    private Rune CharacterOf(int id) =>
        (uint)id < (uint)characters.Length ? characters[id] : throw TokenizerErrors.IdOutOfRange(id, VocabSize);
}
