using System.Text;
using Llm.Tokenizers;

namespace Llm.Tests.Tokenizers;

public class BpeTokenizerTests
{
    private static readonly BpeTokenizer Trained = BpeTokenizer.Train(TestTexts.Mixed, 400, specialTokens: ["<|endoftext|>"]);

    public static TheoryData<string> RoundTripTexts => new(TestTexts.RoundTrip);

    [Theory]
    [MemberData(nameof(RoundTripTexts))]
    public void AnyTextRoundTrips(string text)
    {
        Assert.Equal(text, Trained.Decode(Trained.Encode(text)));
    }

    [Theory]
    [MemberData(nameof(RoundTripTexts))]
    public void AnyTextRoundTripsWithoutMergesOrPreTokenizer(string text)
    {
        var bytesOnly = BpeTokenizer.Train("", 256, pattern: null);

        var ids = bytesOnly.Encode(text);

        Assert.Equal(Encoding.UTF8.GetBytes(text).Select(b => (int)b), ids); // no merges: one token per UTF-8 byte
        Assert.Equal(text, bytesOnly.Decode(ids));
    }

    [Fact]
    public void TrainedTokensShortenTheTrainingText()
    {
        var ids = Trained.Encode(TestTexts.Mixed);

        Assert.Equal(400, Trained.VocabSize); // 256 bytes + 143 merges + 1 special token
        Assert.True(ids.Length < Encoding.UTF8.GetByteCount(TestTexts.Mixed) / 3, $"{ids.Length} tokens");
        Assert.Contains(" the", ids.Select(Trained.IdToToken)); // GPT-2's pattern keeps the space with the word
        Assert.Contains("明月", ids.Select(Trained.IdToToken));
    }

    [Fact]
    public void SpecialTokenIsOneTokenAfterTheMerges()
    {
        var id = Trained.SpecialTokens["<|endoftext|>"];

        var ids = Trained.Encode("床前明月光<|endoftext|>The cat");

        Assert.Equal(399, id);
        Assert.Single(ids, id);
        Assert.Equal("床前明月光<|endoftext|>The cat", Trained.Decode(ids));
        Assert.Equal("<|endoftext|>", Trained.IdToToken(id));
    }

    [Fact]
    public void IdToTokenEscapesPartialCharacters()
    {
        var bytesOnly = BpeTokenizer.Train("", 256);

        Assert.Equal("\\xe6", bytesOnly.IdToToken(0xE6)); // the first of the three UTF-8 bytes of "明"
        Assert.Equal("a", bytesOnly.IdToToken('a'));
        Assert.Equal("\\n", bytesOnly.IdToToken('\n'));
    }

    [Fact]
    public void BadInputGivesClearErrors()
    {
        Assert.Contains("Token id 400", Assert.Throws<ArgumentException>(() => Trained.Decode([1, 400])).Message);
        Assert.Contains("surrogate", Assert.Throws<ArgumentException>(() => Trained.Encode("ok \uDE00")).Message);
        Assert.Contains("position 1", Assert.Throws<ArgumentException>(() => BpeTokenizer.Train("a\uD800b", 300)).Message);
        Assert.Contains("too small", Assert.Throws<ArgumentException>(() => BpeTokenizer.Train("abc", 100)).Message);
    }

    [Fact]
    public void SaveAndLoadGiveTheSameTokenizer()
    {
        using var folder = new TempDirectory();
        var path = folder.File("bpe.json");

        Trained.Save(path);
        var loaded = Assert.IsType<BpeTokenizer>(TokenizerFile.Load(path));

        Assert.Equal(Trained.Merges, loaded.Merges);
        Assert.Equal(Trained.VocabSize, loaded.VocabSize);
        Assert.Equal(Trained.PreTokenizer.Pattern, loaded.PreTokenizer.Pattern);
        Assert.Equal(Trained.SpecialTokens, loaded.SpecialTokens);
        foreach (var text in TestTexts.RoundTrip)
        {
            Assert.Equal(Trained.Encode(text), loaded.Encode(text));
        }
    }

    [Fact]
    public void MergeThatReachesAnExistingTokenReusesItsId()
    {
        // "abc" can be reached two ways: ab + c (merges 1, 2) and a + bc (merges 3, 4). The second route
        // reuses id 257, so each token text has one id, as GPT-2's vocab.json requires.
        using var folder = new TempDirectory();
        var path = folder.File("bpe.json");
        File.WriteAllText(path, """{"type": "byte_bpe", "version": 1, "pattern": null, "merges": ["97 98 256", "256 99 257", "98 99 258", "97 258 257"]}""");

        var tokenizer = BpeTokenizer.Load(path);

        Assert.Equal(259, tokenizer.VocabSize);
        Assert.Equal([257], tokenizer.Encode("abc"));
        Assert.Equal(['x', 258], tokenizer.Encode("xbc"));
        File.WriteAllText(path, """{"type": "byte_bpe", "version": 1, "pattern": null, "merges": ["97 98 256", "98 99 256"]}""");
        Assert.Contains("different text", Assert.Throws<InvalidDataException>(() => BpeTokenizer.Load(path)).Message);
    }
}
