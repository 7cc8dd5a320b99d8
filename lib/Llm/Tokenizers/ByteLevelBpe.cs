using System.Collections.Concurrent;
using System.Text;

namespace Llm.Tokenizers;

/// <summary>
/// The encoder and decoder that <see cref="BpeTokenizer"/> and <see cref="Gpt2Tokenizer"/> share.
/// Encoding: split off special tokens, cut the rest into chunks (<see cref="PreTokenizer"/>), turn each
/// chunk into its UTF-8 bytes (one token per byte), then repeat: find the adjacent pair with the lowest
/// merge rank, merge every occurrence of it from left to right, until no pair has a merge — exactly
/// the loop of bpe() in openai/gpt-2 src/encoder.py. Chunks repeat a lot in real text (" the"), so
/// their ids are cached, as GPT-2's encoder does. Decoding: concatenate the tokens' bytes and read them as UTF-8.
/// </summary>
internal sealed class ByteLevelBpe
{
    private const int CacheLimit = 100_000;

    private readonly byte[]?[] tokenBytes;
    private readonly int[] byteIds;
    private readonly Dictionary<(int Left, int Right), (int Rank, int Id)> ranks = [];
    private readonly PreTokenizer preTokenizer;
    private readonly SpecialTokens specialTokens;
    private readonly ConcurrentDictionary<string, int[]> cache = new(StringComparer.Ordinal);

    /// <param name="tokenBytes">The bytes of each id (null for an id that is not used).</param>
    /// <param name="byteIds">byteIds[b] is the id of the token that is the single byte b.</param>
    /// <param name="merges">The merges in rank order.</param>
    public ByteLevelBpe(byte[]?[] tokenBytes, int[] byteIds, IReadOnlyList<BpeMerge> merges, PreTokenizer preTokenizer, IReadOnlyDictionary<string, int> specialTokens)
    {
        this.tokenBytes = tokenBytes;
        this.byteIds = byteIds;
        for (var rank = 0; rank < merges.Count; rank++)
        {
            ranks.TryAdd((merges[rank].Left, merges[rank].Right), (rank, merges[rank].Id));
        }

        this.preTokenizer = preTokenizer;
        this.specialTokens = new SpecialTokens(specialTokens);
    }

    public int VocabSize => tokenBytes.Length;

    public int[] Encode(string text)
    {
        TokenizerErrors.CheckWellFormed(text); // UTF-8 has no bytes for half a character
        var ids = new List<int>(text.Length);
        foreach (var (piece, specialId) in specialTokens.Split(text))
        {
            if (specialId >= 0)
            {
                ids.Add(specialId);
                continue;
            }

            foreach (var chunk in preTokenizer.Split(piece))
            {
                ids.AddRange(EncodeChunk(chunk));
            }
        }

        return [.. ids];
    }

    /// <summary>Ids → text; bytes that are not valid UTF-8 become U+FFFD, as in Hugging Face's errors="replace".</summary>
    public string Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            bytes.AddRange(TokenBytes(id));
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    public byte[] TokenBytes(int id) =>
        (uint)id < (uint)tokenBytes.Length && tokenBytes[id] is { } bytes ? bytes : throw TokenizerErrors.IdOutOfRange(id, VocabSize);

    public string IdToToken(int id) => ByteText.Show(TokenBytes(id));

    public StreamDecoder CreateStreamDecoder() => new(TokenBytes);

    private int[] EncodeChunk(string chunk)
    {
        if (cache.TryGetValue(chunk, out var cached))
        {
            return cached;
        }

        var ids = Encoding.UTF8.GetBytes(chunk).Select(b => byteIds[b]).ToList();
        while (ids.Count >= 2)
        {
            // The pair whose merge was learned first (lowest rank) goes first.
            var best = (Rank: int.MaxValue, Left: -1, Right: -1, Id: -1);
            for (var i = 0; i + 1 < ids.Count; i++)
            {
                if (ranks.TryGetValue((ids[i], ids[i + 1]), out var merge) && merge.Rank < best.Rank)
                {
                    best = (merge.Rank, ids[i], ids[i + 1], merge.Id);
                }
            }

            if (best.Id < 0)
            {
                break;
            }

            Merge(ids, best.Left, best.Right, best.Id);
        }

        var result = ids.ToArray();
        if (cache.Count >= CacheLimit)
        {
            cache.Clear();
        }

        cache[chunk] = result;
        return result;
    }

    /// <summary>Replaces every (left, right) in the list by id, from left to right, without overlaps: (a, a, a) → (aa, a).</summary>
    private static void Merge(List<int> ids, int left, int right, int id)
    {
        var write = 0;
        for (var read = 0; read < ids.Count; write++)
        {
            if (read + 1 < ids.Count && ids[read] == left && ids[read + 1] == right)
            {
                ids[write] = id;
                read += 2;
            }
            else
            {
                ids[write] = ids[read++];
            }
        }

        ids.RemoveRange(write, ids.Count - write);
    }
}
