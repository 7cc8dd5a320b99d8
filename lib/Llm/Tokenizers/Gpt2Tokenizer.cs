using System.Text;
using System.Text.Json.Nodes;

namespace Llm.Tokenizers;

/// <summary>
/// GPT-2's own tokenizer (openai/gpt-2 src/encoder.py; Hugging Face's GPT2Tokenizer), read from its
/// two published files. Encoding: cut the text with GPT-2's regex (<see cref="PreTokenizer.Gpt2Pattern"/>),
/// write each chunk's UTF-8 bytes as <see cref="ByteLevel"/> characters, and merge pairs in the rank
/// order of merges.txt; the resulting token texts are looked up in vocab.json. Decoding maps back
/// through the byte table. "&lt;|endoftext|&gt;" (id 50256 in GPT-2) is a special token: whole whenever it appears.
/// <para>
/// To get the real files: download vocab.json and merges.txt from the Hugging Face repository "gpt2"
/// (https://huggingface.co/openai-community/gpt2/tree/main), put them in one folder and call
/// <see cref="FromDirectory"/>. With them, "Hello world" encodes to [15496, 995]: "Hello" and "Ġworld".
/// </para>
/// </summary>
public sealed class Gpt2Tokenizer : ITokenizer
{
    internal const string TypeName = "gpt2";

    private const string EndOfText = "<|endoftext|>";

    private readonly Dictionary<string, int> vocab;
    private readonly List<(string Left, string Right)> mergePairs;
    private readonly ByteLevelBpe bpe;

    /// <param name="specialTokens">Vocabulary entries to treat as special; null means "&lt;|endoftext|&gt;" if the vocabulary has it.</param>
    private Gpt2Tokenizer(Dictionary<string, int> vocab, List<(string Left, string Right)> merges, IEnumerable<string>? specialTokens)
    {
        this.vocab = vocab;
        mergePairs = merges;
        var specialIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var special in specialTokens ?? (vocab.ContainsKey(EndOfText) ? [EndOfText] : []))
        {
            specialIds[special] = vocab.TryGetValue(special, out var id)
                ? id
                : throw new ArgumentException($"The special token \"{special}\" is not in vocab.json.", nameof(specialTokens));
        }

        var tokenBytes = new byte[]?[vocab.Count == 0 ? 0 : vocab.Values.Max() + 1];
        foreach (var (token, id) in vocab)
        {
            tokenBytes[id] = specialIds.ContainsKey(token) ? Encoding.UTF8.GetBytes(token) : ByteLevel.Decode(token);
        }

        var byteIds = new int[256];
        for (var b = 0; b < 256; b++)
        {
            byteIds[b] = Id(ByteLevel.BytesToUnicode[b].ToString(), $"the token for byte 0x{b:X2}");
        }

        var bpeMerges = merges.Select(m => new BpeMerge(Id(m.Left, "a merge's left token"), Id(m.Right, "a merge's right token"), Id(m.Left + m.Right, "a merge's result"))).ToList();
        SpecialTokens = specialIds;
        bpe = new ByteLevelBpe(tokenBytes, byteIds, bpeMerges, PreTokenizer.Gpt2, specialIds);
    }

    public int VocabSize => bpe.VocabSize;

    /// <summary>Special token text → id.</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>The id of "&lt;|endoftext|&gt;" (50256 in GPT-2), or null if the vocabulary has none.</summary>
    public int? EndOfTextId => SpecialTokens.TryGetValue(EndOfText, out var id) ? id : null;

    /// <summary>Reads vocab.json and merges.txt from one folder.</summary>
    public static Gpt2Tokenizer FromDirectory(string directory, IEnumerable<string>? specialTokens = null) =>
        FromFiles(Path.Combine(directory, Gpt2Files.VocabFileName), Path.Combine(directory, Gpt2Files.MergesFileName), specialTokens);

    /// <summary>Reads GPT-2's vocab.json and merges.txt (or files in the same format, e.g. from <see cref="BpeTokenizer.ExportGpt2Files"/>).</summary>
    public static Gpt2Tokenizer FromFiles(string vocabPath, string mergesPath, IEnumerable<string>? specialTokens = null) =>
        new(Gpt2Files.ReadVocab(vocabPath), Gpt2Files.ReadMerges(mergesPath), specialTokens);

    /// <summary>Reads a file written by <see cref="Save"/>.</summary>
    public static Gpt2Tokenizer Load(string path) => TokenizerFile.Load<Gpt2Tokenizer>(path);

    public int[] Encode(string text) => bpe.Encode(text);

    public string Decode(IEnumerable<int> ids) => bpe.Decode(ids);

    /// <summary>The token as readable text (" world"); <see cref="IdToVocabEntry"/> gives GPT-2's form ("Ġworld").</summary>
    public string IdToToken(int id) => bpe.IdToToken(id);

    /// <summary>The token as written in vocab.json, in byte-to-unicode form: 995 → "Ġworld".</summary>
    public string IdToVocabEntry(int id) =>
        SpecialTokens.FirstOrDefault(s => s.Value == id).Key ?? ByteLevel.Encode(bpe.TokenBytes(id));

    public StreamDecoder CreateStreamDecoder() => bpe.CreateStreamDecoder();

    /// <summary>Writes one file {"type": "gpt2", "vocab": {...}, "merges": ["Ġ t", ...], "special_tokens": [...]}.</summary>
    public void Save(string path) =>
        TokenizerFile.Save(path, TypeName, new JsonObject
        {
            ["vocab"] = new JsonObject(vocab.OrderBy(v => v.Value).Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
            ["merges"] = new JsonArray([.. mergePairs.Select(m => (JsonNode)$"{m.Left} {m.Right}")]),
            ["special_tokens"] = new JsonArray([.. SpecialTokens.Keys.Select(s => (JsonNode)s)]),
        });

    internal static Gpt2Tokenizer FromJson(JsonObject json)
    {
        var vocab = TokenizerFile.Field(json, "vocab").AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>(), StringComparer.Ordinal);
        var merges = TokenizerFile.Field(json, "merges").AsArray().Select(n => n!.GetValue<string>().Split(' ')).Select(p => (p[0], p[1])).ToList();
        return new Gpt2Tokenizer(vocab, merges, json["special_tokens"]?.AsArray().Select(n => n!.GetValue<string>()).ToList());
    }

    private int Id(string token, string what) =>
        vocab.TryGetValue(token, out var id) ? id : throw new InvalidDataException($"vocab.json has no \"{token}\" ({what}).");
}
