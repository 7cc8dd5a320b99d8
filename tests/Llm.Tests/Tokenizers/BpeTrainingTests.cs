using Llm.Tokenizers;

namespace Llm.Tests.Tokenizers;

public class BpeTrainingTests
{
    /// <summary>
    /// The example of Wikipedia's "Byte pair encoding" article, worked by hand (no pre-tokenizer):
    /// "aaabdaaabac" has the pairs aa ×4 (overlapping ones counted), ab ×2, bd, da, ba, ac ×1.
    /// 1. "aa" wins: merged left to right, each "aaa" becomes (aa)(a): Z a b d Z a b a c, 9 tokens (Z = aa, id 256).
    /// 2. Now "Za" and "ab" are both seen twice; the tie goes to the lower pair of ids, (97, 98) = "ab"
    ///    before (256, 97), as in the article: Z Y d Z Y a c, 7 tokens (Y = ab, id 257).
    /// 3. "ZY" ×2 becomes X = "aaab" (id 258): X d X a c, 5 tokens.
    /// Then every pair occurs once, and training stops early, at 259 tokens instead of 300.
    /// </summary>
    [Fact]
    public void WikipediaExampleMergesAsWorkedByHand()
    {
        var trace = new List<BpeTrainingStep>();

        var tokenizer = BpeTokenizer.Train("aaabdaaabac", 300, pattern: null, trace: trace);

        Assert.Equal([new BpeMerge('a', 'a', 256), new BpeMerge('a', 'b', 257), new BpeMerge(256, 257, 258)], tokenizer.Merges);
        Assert.Equal(259, tokenizer.VocabSize);
        Assert.Equal([258, 'd', 258, 'a', 'c'], tokenizer.Encode("aaabdaaabac"));
        Assert.Equal(["aa", "ab", "aaab"], trace.Select(s => s.Text));
        Assert.Equal([4L, 2L, 2L], trace.Select(s => s.Count));
        Assert.Equal([9L, 7L, 5L], trace.Select(s => s.TokenCount));
        Assert.Equal("merge 3: 'aa' + 'ab' -> 'aaab' (id 258), seen 2 times, text now 5 tokens", trace[2].ToString());
    }

    [Fact]
    public void TrainingIsDeterministicAndSmallerVocabulariesArePrefixes()
    {
        var first = BpeTokenizer.Train(TestTexts.Mixed, 350);
        var again = BpeTokenizer.Train(TestTexts.Mixed, 350);
        var smaller = BpeTokenizer.Train(TestTexts.Mixed, 300);

        Assert.Equal(first.Merges, again.Merges);
        Assert.Equal(first.Merges.Take(smaller.Merges.Count), smaller.Merges);
    }

    [Fact]
    public void MergesNeverCrossPreTokenizerChunks()
    {
        // GPT-2's pattern cuts "ab ab ab ab ab." into "ab", " ab" ×4 and ".": the pair "b " is never seen.
        // "ab" (×5) becomes 256; then " " + "ab" (×4) becomes 257 = " ab"; then no pair repeats.
        var tokenizer = BpeTokenizer.Train("ab ab ab ab ab.", 300);

        Assert.Equal(["ab", " ab"], Enumerable.Range(256, tokenizer.VocabSize - 256).Select(tokenizer.IdToToken));
        Assert.Equal([256, 257, 257, 257, 257, '.'], tokenizer.Encode("ab ab ab ab ab."));
    }

    [Fact]
    public void TraceShowsChineseBytesMergingIntoCharacters()
    {
        var trace = new List<BpeTrainingStep>();

        BpeTokenizer.Train(TestTexts.TangPoems, 300, trace: trace);

        // "。" is E3 80 82 and "，" is EF BC 8C in UTF-8; each appears 6 times. The first merges join their
        // trailing bytes (not yet a whole character, so shown as \xNN), then the whole punctuation marks.
        Assert.Equal(["\\x80\\x82", "\\xbc\\x8c", "。", "\\xe5\\xa4", "，"], trace.Take(5).Select(s => s.Text));
        Assert.Equal(6, trace[0].Count);
        Assert.Contains(trace, s => s.Text == "明月");
        Assert.Equal(Enumerable.Range(256, trace.Count), trace.Select(s => s.Id)); // no reused ids here

        // The winning count never rises (a new pair occurs at most as often as the pair that made its token),
        // and each merge shortens the text.
        Assert.All(trace.Zip(trace.Skip(1)), p => Assert.True(p.Second.Count <= p.First.Count));
        Assert.All(trace.Zip(trace.Skip(1)), p => Assert.True(p.Second.TokenCount < p.First.TokenCount));
    }
}
