using Llm.Tokenizers;

namespace Llm.Tests.Tokenizers;

public class WordTokenizerTests
{
    // The words of data/examples/mama-sentences.json, in the order a learner might list them.
    private static readonly string[] MamaWords = ["下班了", "放学了", "妈妈", "妈", "喊", "我", "回家", "回", "家", "吃饭", "，", "。"];

    [Fact]
    public void IdsFollowTheWordList()
    {
        var tokenizer = WordTokenizer.FromWords(MamaWords);

        Assert.Equal(12, tokenizer.VocabSize);
        Assert.Equal(0, tokenizer.Encode("下班了")[0]);
        Assert.Equal(11, tokenizer.Encode("。")[0]);
    }

    [Fact]
    public void TheLongestMatchingWordWins()
    {
        var tokenizer = WordTokenizer.FromWords(MamaWords);

        // Left to right: "下班了" (0), "，" (10), then "妈妈" (2) rather than "妈" (3) twice, "喊" (4), "我" (5),
        // "回家" (6) rather than "回" + "家", "吃饭" (9), "。" (11).
        var ids = tokenizer.Encode("下班了，妈妈喊我回家吃饭。");

        Assert.Equal([0, 10, 2, 4, 5, 6, 9, 11], ids);
        Assert.Equal("下班了，妈妈喊我回家吃饭。", tokenizer.Decode(ids));
        Assert.Equal(["下班了", "，", "妈妈", "喊", "我", "回家", "吃饭", "。"], ids.Select(tokenizer.IdToToken));
    }

    [Fact]
    public void SpacesArePartOfTheVocabularyForEnglish()
    {
        var tokenizer = WordTokenizer.FromWords(["the", "cat", "sat", " ", "."]);

        var ids = tokenizer.Encode("the cat sat.");

        Assert.Equal([0, 3, 1, 3, 2, 4], ids);
        Assert.Equal("the cat sat.", tokenizer.Decode(ids));
        Assert.Empty(tokenizer.Encode(""));
    }

    [Fact]
    public void UncoveredTextIsAnErrorWithoutAnUnknownToken()
    {
        var tokenizer = WordTokenizer.FromWords(MamaWords);

        var error = Assert.Throws<ArgumentException>(() => tokenizer.Encode("妈妈喊我回家吃面条。"));

        // "吃饭" is a word but "吃" alone is not, so the text stops being covered at "吃".
        Assert.Contains("'吃' (U+5403) at position 6", error.Message);
        Assert.Contains("unknownToken", error.Message);
    }

    [Fact]
    public void UnknownTokenReplacesEachUncoveredCharacter()
    {
        var tokenizer = WordTokenizer.FromWords(MamaWords, unknownToken: "<unk>");

        var ids = tokenizer.Encode("妈妈喊我回家吃面条。");

        Assert.Equal(13, tokenizer.VocabSize);
        Assert.Equal(12, tokenizer.UnknownId);
        Assert.Equal([2, 4, 5, 6, 12, 12, 12, 11], ids); // "吃" alone is no word, so "吃", "面", "条" are each unknown
        Assert.Equal("妈妈喊我回家<unk><unk><unk>。", tokenizer.Decode(ids));
        Assert.Equal([12], tokenizer.Encode("<")); // the unknown token's own text is not matched in the text
    }

    [Fact]
    public void BadWordListsAreRejected()
    {
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => WordTokenizer.FromWords(["a", "b", "a"])).Message);
        Assert.Contains("empty string", Assert.Throws<ArgumentException>(() => WordTokenizer.FromWords(["a", ""])).Message);
        Assert.Throws<ArgumentException>(() => WordTokenizer.FromWords([]));
    }

    [Fact]
    public void IdOutOfRangeGivesAClearError()
    {
        var tokenizer = WordTokenizer.FromWords(["a", "b"]);

        Assert.Contains("Token id 5", Assert.Throws<ArgumentException>(() => tokenizer.Decode([5])).Message);
    }

    [Fact]
    public void SaveAndLoadKeepWordsAndUnknownToken()
    {
        using var folder = new TempDirectory();
        var tokenizer = WordTokenizer.FromWords(MamaWords, unknownToken: "<unk>");
        var path = folder.File("word.json");

        tokenizer.Save(path);
        var loaded = Assert.IsType<WordTokenizer>(TokenizerFile.Load(path));

        Assert.Equal(tokenizer.Words, loaded.Words);
        Assert.Equal("<unk>", loaded.UnknownToken);
        Assert.Equal(tokenizer.Encode("放学了，妈妈喊我回家吃面条。"), loaded.Encode("放学了，妈妈喊我回家吃面条。"));
    }
}
