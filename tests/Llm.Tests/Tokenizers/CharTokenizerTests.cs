using System.Text;
using Llm.Tokenizers;

namespace Llm.Tests.Tokenizers;

public class CharTokenizerTests
{
    [Fact]
    public void VocabularyIsTheDistinctCharactersSortedByCodePoint()
    {
        var tokenizer = CharTokenizer.FromText("hello");

        Assert.Equal(["e", "h", "l", "o"], tokenizer.Characters.Select(c => c.ToString()));
        Assert.Equal([1, 0, 2, 2, 3], tokenizer.Encode("hello"));
        Assert.Equal("hole", tokenizer.Decode([1, 3, 2, 0]));
    }

    [Fact]
    public void ChinesePoemIsOneTokenPerCharacter()
    {
        var tokenizer = CharTokenizer.FromText(TestTexts.TangPoems);
        var line = "床前明月光，疑是地上霜。";

        var ids = tokenizer.Encode(line);

        Assert.Equal(12, ids.Length);
        Assert.Equal(ids[2], tokenizer.Encode("明")[0]);
        Assert.Equal(line, tokenizer.Decode(ids));
        Assert.Equal(TestTexts.TangPoems, tokenizer.Decode(tokenizer.Encode(TestTexts.TangPoems)));
        Assert.Equal("霜", tokenizer.IdToToken(ids[10]));
    }

    [Fact]
    public void CharacterOutsideTheBasicPlaneIsOneToken()
    {
        var tokenizer = CharTokenizer.FromText("a😀𠀀"); // 😀 and 𠀀 are two UTF-16 chars each, but one character

        Assert.Equal(3, tokenizer.VocabSize);
        Assert.Equal([0, 1, 2], tokenizer.Encode("a😀𠀀"));
        Assert.Equal("😀𠀀a", tokenizer.Decode([1, 2, 0]));
    }

    [Fact]
    public void EmptyTextAndNewlinesRoundTrip()
    {
        var tokenizer = CharTokenizer.FromText("ab\n\r\t ");

        Assert.Empty(tokenizer.Encode(""));
        Assert.Equal("", tokenizer.Decode([]));
        Assert.Equal("a\nb\r\n\t b", tokenizer.Decode(tokenizer.Encode("a\nb\r\n\t b")));
    }

    [Fact]
    public void UnknownCharacterGivesAClearError()
    {
        var tokenizer = CharTokenizer.FromText(TestTexts.TangPoems);

        var error = Assert.Throws<ArgumentException>(() => tokenizer.Encode("明月照我还"));

        Assert.Contains("'照' (U+7167)", error.Message);
        Assert.Contains("position 2", error.Message);
        Assert.Contains("CharTokenizer.FromText", error.Message);
    }

    [Fact]
    public void IdOutOfRangeGivesAClearError()
    {
        var tokenizer = CharTokenizer.FromText("abc");

        var error = Assert.Throws<ArgumentException>(() => tokenizer.Decode([0, 3]));

        Assert.Contains("Token id 3", error.Message);
        Assert.Contains("0 to 2", error.Message);
        Assert.Throws<ArgumentException>(() => tokenizer.Decode([-1]));
    }

    [Fact]
    public void LoneSurrogateIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => CharTokenizer.FromText("ab\uD83D"));

        Assert.Contains("surrogate at position 2", error.Message);
    }

    [Fact]
    public void SaveAndLoadKeepTheVocabulary()
    {
        using var folder = new TempDirectory();
        var tokenizer = CharTokenizer.FromText(TestTexts.TangPoems + "😀");
        var path = folder.File("char.json");

        tokenizer.Save(path);
        var loaded = Assert.IsType<CharTokenizer>(TokenizerFile.Load(path));

        Assert.Equal(tokenizer.Characters, loaded.Characters);
        Assert.Equal(tokenizer.Encode(TestTexts.TangPoems), loaded.Encode(TestTexts.TangPoems));
        Assert.Contains("\"床\"", File.ReadAllText(path, Encoding.UTF8)); // readable, not \uXXXX
        Assert.Equal(tokenizer.VocabSize, CharTokenizer.Load(path).VocabSize);
    }
}
