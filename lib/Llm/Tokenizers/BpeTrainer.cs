using System.Text;

namespace Llm.Tokenizers;

/// <summary>
/// Learns byte-pair merges from a text (Sennrich et al. 2016, "Neural Machine Translation of Rare Words
/// with Subword Units"; byte-level as in GPT-2). Start with one token per byte; repeatedly count every
/// adjacent pair of tokens, merge the most frequent pair into a new token everywhere, and record the merge.
/// Ties are broken by the lowest pair of ids, (left, then right), so training is deterministic.
/// Training stops at the requested vocabulary size, or earlier when no pair occurs twice (merging a pair
/// seen once shortens nothing that repeats).
/// Counting every pair again after each merge would be slow, so, as Hugging Face's BpeTrainer does, the
/// text is reduced to its distinct chunks with their frequencies, each merge updates only the counts of the
/// pairs around it in the chunks that contain it, and a priority queue finds the most frequent pair.
/// </summary>
internal static class BpeTrainer
{
    /// <summary>
    /// Learns merges until there are maxTokens tokens (256 bytes + new ones). The token bytes grow in
    /// place; a merge whose bytes already are a token reuses that id (two routes to the same text, as
    /// Hugging Face does), which keeps token text ↔ id one-to-one, as GPT-2's vocab.json needs.
    /// </summary>
    public static List<BpeMerge> Train(
        IEnumerable<string> chunks, int maxTokens, List<byte[]> tokenBytes, ICollection<BpeTrainingStep>? trace)
    {
        var (words, frequencies) = CountChunks(chunks);
        var pairCounts = new Dictionary<(int, int), long>();
        var wordsWithPair = new Dictionary<(int, int), HashSet<int>>();
        for (var w = 0; w < words.Count; w++)
        {
            for (var i = 0; i + 1 < words[w].Count; i++)
            {
                Add((words[w][i], words[w][i + 1]), frequencies[w], w, pairCounts, wordsWithPair);
            }
        }

        // Most frequent first; among equal counts, the lowest (left, right).
        var queue = new PriorityQueue<(int Left, int Right), (long Count, int Left, int Right)>(
            Comparer<(long Count, int Left, int Right)>.Create((a, b) =>
                a.Count != b.Count ? b.Count.CompareTo(a.Count) : (a.Left, a.Right).CompareTo((b.Left, b.Right))));
        foreach (var ((left, right), count) in pairCounts)
        {
            queue.Enqueue((left, right), (count, left, right));
        }

        var idsByBytes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var id = 0; id < tokenBytes.Count; id++)
        {
            idsByBytes[Encoding.Latin1.GetString(tokenBytes[id])] = id; // Latin-1 maps each byte to one char: a lossless key
        }

        var tokenCount = words.Select((word, w) => word.Count * frequencies[w]).Sum();
        var merges = new List<BpeMerge>();
        var deltas = new List<((int, int) Pair, int Delta)>();
        while (tokenBytes.Count < maxTokens && queue.TryDequeue(out var pair, out var priority))
        {
            if (!pairCounts.TryGetValue(pair, out var count) || count != priority.Count)
            {
                continue; // an old entry: the pair's count has changed since, and its current count is queued too
            }

            if (count < 2)
            {
                break;
            }

            byte[] bytes = [.. tokenBytes[pair.Left], .. tokenBytes[pair.Right]];
            var key = Encoding.Latin1.GetString(bytes);
            if (!idsByBytes.TryGetValue(key, out var newId))
            {
                newId = tokenBytes.Count;
                tokenBytes.Add(bytes);
                idsByBytes[key] = newId;
            }

            merges.Add(new BpeMerge(pair.Left, pair.Right, newId));
            var changed = new Dictionary<(int, int), long>();
            foreach (var w in wordsWithPair[pair]) // merging adds chunks to the sets of pairs with newId, never to this one
            {
                deltas.Clear();
                tokenCount -= Merge(words[w], pair, newId, deltas) * frequencies[w];
                foreach (var (changedPair, delta) in deltas)
                {
                    Add(changedPair, delta * frequencies[w], w, pairCounts, wordsWithPair);
                    changed[changedPair] = changed.GetValueOrDefault(changedPair) + delta * frequencies[w];
                }
            }

            pairCounts.Remove(pair);
            wordsWithPair.Remove(pair);
            foreach (var (changedPair, delta) in changed)
            {
                if (delta != 0 && pairCounts.TryGetValue(changedPair, out var newCount))
                {
                    queue.Enqueue(changedPair, (newCount, changedPair.Item1, changedPair.Item2));
                }
            }

            trace?.Add(new BpeTrainingStep(merges.Count - 1, pair.Left, pair.Right, newId,
                ByteText.Show(tokenBytes[pair.Left]), ByteText.Show(tokenBytes[pair.Right]), ByteText.Show(bytes), count, tokenCount));
        }

        return merges;
    }

    /// <summary>The distinct chunks as byte lists, in order of first appearance, with how often each occurs.</summary>
    private static (List<List<int>> Words, List<long> Frequencies) CountChunks(IEnumerable<string> chunks)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new List<List<int>>();
        var frequencies = new List<long>();
        foreach (var chunk in chunks)
        {
            if (index.TryGetValue(chunk, out var w))
            {
                frequencies[w]++;
                continue;
            }

            index[chunk] = words.Count;
            words.Add([.. Encoding.UTF8.GetBytes(chunk).Select(b => (int)b)]);
            frequencies.Add(1);
        }

        return (words, frequencies);
    }

    /// <summary>
    /// Merges every (left, right) in one chunk, left to right, as encoding does, and lists how
    /// the counts of the neighbouring pairs change: in x a b y, merging (a, b) into n takes away (x, a) and (b, y)
    /// and adds (x, n) and (n, y). Only those change, so only those are re-counted (Hugging Face's Word::merge).
    /// The merged pair itself is left out: after the merge it occurs nowhere, and its count is dropped whole.
    /// </summary>
    private static int Merge(List<int> word, (int Left, int Right) pair, int id, List<((int, int) Pair, int Delta)> deltas)
    {
        var write = 0;
        var merged = 0;
        for (var read = 0; read < word.Count; write++)
        {
            if (read + 1 < word.Count && word[read] == pair.Left && word[read + 1] == pair.Right)
            {
                if (write > 0)
                {
                    // word[write - 1] is what now precedes: possibly a token this same loop just merged.
                    deltas.Add(((word[write - 1], pair.Left), -1));
                    deltas.Add(((word[write - 1], id), +1));
                }

                if (read + 2 < word.Count)
                {
                    deltas.Add(((pair.Right, word[read + 2]), -1));
                    deltas.Add(((id, word[read + 2]), +1));
                }

                word[write] = id;
                read += 2;
                merged++;
            }
            else
            {
                word[write] = word[read++];
            }
        }

        word.RemoveRange(write, word.Count - write);
        return merged;
    }

    /// <summary>Changes a pair's count; a chunk that gains the pair is listed as containing it.</summary>
    private static void Add((int, int) pair, long delta, int w, Dictionary<(int, int), long> pairCounts, Dictionary<(int, int), HashSet<int>> wordsWithPair)
    {
        var count = pairCounts.GetValueOrDefault(pair) + delta;
        if (count > 0)
        {
            pairCounts[pair] = count;
        }
        else
        {
            pairCounts.Remove(pair);
        }

        if (delta > 0)
        {
            if (!wordsWithPair.TryGetValue(pair, out var set))
            {
                wordsWithPair[pair] = set = [];
            }

            set.Add(w); // never removed: a chunk listed here that has lost the pair is merged again without effect
        }
    }
}
