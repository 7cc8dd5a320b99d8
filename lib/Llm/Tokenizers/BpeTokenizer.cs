using System.Text;
using System.Text.Json.Nodes;

namespace Llm.Tokenizers;

/// <summary>
/// Byte-level byte-pair encoding trained from scratch, as GPT-2's tokenizer was (Radford et al. 2019,
/// "Language Models are Unsupervised Multitask Learners", section 2.2; Karpathy's minbpe follows the same plan).
/// Ids 0–255 are the 256 byte values, so any text at all can be encoded — Chinese, emoji, text never
/// seen in training — and decoded back exactly; each learned merge adds one token for a frequent pair.
/// Special tokens (e.g. "&lt;|endoftext|&gt;") come after the merges.
/// The file format ("type": "byte_bpe") keeps the pre-tokenizer pattern, the merges as "left right id"
/// in rank order, and the special tokens; <see cref="ExportGpt2Files"/> writes GPT-2's vocab.json + merges.txt.
/// </summary>
public sealed class BpeTokenizer : ITokenizer
{
    internal const string TypeName = "byte_bpe";

    private readonly BpeMerge[] merges;
    private readonly byte[][] tokenBytes;
    private readonly ByteLevelBpe bpe;

    private BpeTokenizer(IReadOnlyList<BpeMerge> merges, PreTokenizer preTokenizer, IReadOnlyList<string> specialTokens)
    {
        // Replay the merges to find every token's bytes; ids must come in order (new ones) or repeat earlier ones.
        var bytes = Enumerable.Range(0, 256).Select(b => new[] { (byte)b }).ToList();
        foreach (var merge in merges)
        {
            if (merge.Left >= bytes.Count || merge.Right >= bytes.Count || merge.Id > bytes.Count || merge.Left < 0 || merge.Right < 0 || merge.Id < 256)
            {
                throw new InvalidDataException($"Merge {merge} refers to a token that does not exist yet.");
            }

            byte[] merged = [.. bytes[merge.Left], .. bytes[merge.Right]];
            if (merge.Id == bytes.Count)
            {
                bytes.Add(merged);
            }
            else if (!bytes[merge.Id].AsSpan().SequenceEqual(merged))
            {
                throw new InvalidDataException($"Merge {merge} reuses id {merge.Id}, which is a different text.");
            }
        }

        var specialIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var special in specialTokens)
        {
            specialIds.Add(special, bytes.Count);
            bytes.Add(Encoding.UTF8.GetBytes(special));
        }

        this.merges = [.. merges];
        tokenBytes = [.. bytes];
        PreTokenizer = preTokenizer;
        SpecialTokens = specialIds;
        bpe = new ByteLevelBpe(tokenBytes, [.. Enumerable.Range(0, 256)], this.merges, preTokenizer, specialIds);
    }

    public int VocabSize => tokenBytes.Length;

    /// <summary>The learned merges in rank order (the order encoding applies them).</summary>
    public IReadOnlyList<BpeMerge> Merges => merges;

    public PreTokenizer PreTokenizer { get; }

    /// <summary>Special token text → id (they follow the byte and merged tokens).</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>
    /// Learns merges from a text until the vocabulary has vocabSize tokens (256 bytes + learned tokens +
    /// special tokens), or fewer when no pair of tokens occurs twice any more. Each merge joins the most
    /// frequent adjacent pair; among pairs seen equally often, the lowest (left id, right id) wins.
    /// </summary>
    /// <param name="pattern">The pre-tokenizer regex (GPT-2's by default); null trains on the whole text as one chunk.</param>
    /// <param name="specialTokens">Tokens such as "&lt;|endoftext|&gt;": cut out of the text before training, then added at the end of the vocabulary.</param>
    /// <param name="trace">When given, receives one <see cref="BpeTrainingStep"/> per merge, for printing.</param>
    public static BpeTokenizer Train(
        string text, int vocabSize, string? pattern = PreTokenizer.Gpt2Pattern,
        IReadOnlyList<string>? specialTokens = null, ICollection<BpeTrainingStep>? trace = null)
    {
        var specials = (specialTokens ?? []).Distinct().ToList();
        if (vocabSize < 256 + specials.Count)
        {
            throw new ArgumentException($"vocabSize {vocabSize} is too small: the 256 byte tokens and {specials.Count} special tokens need {256 + specials.Count}.", nameof(vocabSize));
        }

        TokenizerErrors.CheckWellFormed(text);
        var preTokenizer = new PreTokenizer(pattern);
        var splitter = new SpecialTokens(specials.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i)); // only to cut them out
        var chunks = splitter.Split(text).Where(p => p.Id < 0).SelectMany(p => preTokenizer.Split(p.Text));
        var bytes = Enumerable.Range(0, 256).Select(b => new[] { (byte)b }).ToList();
        var merges = BpeTrainer.Train(chunks, vocabSize - specials.Count, bytes, trace);
        return new BpeTokenizer(merges, preTokenizer, specials);
    }

    /// <summary>Reads a file written by <see cref="Save"/>.</summary>
    public static BpeTokenizer Load(string path) => TokenizerFile.Load<BpeTokenizer>(path);

    public int[] Encode(string text) => bpe.Encode(text);

    public string Decode(IEnumerable<int> ids) => bpe.Decode(ids);

    public string IdToToken(int id) => bpe.IdToToken(id);

    /// <summary>The raw bytes of a token (a byte-level token need not be whole UTF-8 characters).</summary>
    public byte[] TokenBytes(int id) => [.. bpe.TokenBytes(id)];

    public StreamDecoder CreateStreamDecoder() => bpe.CreateStreamDecoder();

    public void Save(string path) =>
        TokenizerFile.Save(path, TypeName, new JsonObject
        {
            ["pattern"] = PreTokenizer.Pattern,
            ["merges"] = new JsonArray([.. merges.Select(m => (JsonNode)$"{m.Left} {m.Right} {m.Id}")]),
            ["special_tokens"] = new JsonArray([.. SpecialTokens.Keys.Select(s => (JsonNode)s)]),
        });

    /// <summary>
    /// Writes GPT-2's two files into a folder: vocab.json (token text in GPT-2's byte-to-unicode form → id)
    /// and merges.txt (one "left right" per line, in rank order). <see cref="Gpt2Tokenizer"/> reads them,
    /// and so does Hugging Face's GPT2Tokenizer, provided the text is cut with GPT-2's pattern.
    /// </summary>
    public void ExportGpt2Files(string directory)
    {
        var vocab = tokenBytes.Select((bytes, id) => (SpecialTokens.Values.Contains(id) ? Encoding.UTF8.GetString(bytes) : ByteLevel.Encode(bytes), id));
        var lines = merges.Select(m => $"{ByteLevel.Encode(tokenBytes[m.Left])} {ByteLevel.Encode(tokenBytes[m.Right])}");
        Gpt2Files.Write(directory, vocab, lines);
    }

    internal static BpeTokenizer FromJson(JsonObject json)
    {
        var merges = TokenizerFile.Field(json, "merges").AsArray().Select(n =>
        {
            var parts = n!.GetValue<string>().Split(' ');
            return parts.Length == 3 && int.TryParse(parts[0], out var left) && int.TryParse(parts[1], out var right) && int.TryParse(parts[2], out var id)
                ? new BpeMerge(left, right, id)
                : throw new InvalidDataException($"BPE tokenizer file: merge \"{n}\" is not \"left right id\".");
        }).ToList();
        var specials = json["special_tokens"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        return new BpeTokenizer(merges, new PreTokenizer(json["pattern"]?.GetValue<string>()), specials);
    }
}
