using Llm.Tokenizers;

namespace Llm.Tests.Tokenizers;

public class StreamDecoderTests
{
    [Fact]
    public void ChineseStreamsWholeCharactersFromByteTokens()
    {
        // Few merges: most Chinese characters (3 UTF-8 bytes each) stay split over two or three tokens.
        var tokenizer = BpeTokenizer.Train(TestTexts.TangPoems, 280);
        var text = "床前明月光，疑是地上霜。春江潮水连海平。";
        var ids = tokenizer.Encode(text);
        var decoder = tokenizer.CreateStreamDecoder();

        var pieces = ids.Select(decoder.Push).ToList();

        Assert.Equal(text, string.Concat(pieces) + decoder.Flush());
        Assert.All(pieces, p => Assert.DoesNotContain('\uFFFD', p));
        Assert.Contains("", pieces); // some tokens only started a character, so they printed nothing yet
        Assert.True(ids.Length > text.Length, "more tokens than characters");
    }

    [Fact]
    public void EmojiBytesComeOutOnlyWhenTheCharacterIsComplete()
    {
        var bytesOnly = BpeTokenizer.Train("", 256);
        var decoder = bytesOnly.CreateStreamDecoder();

        // 😀 is F0 9F 98 80 in UTF-8: one token per byte here.
        Assert.Equal(["", "", "", "😀", "!"], bytesOnly.Encode("😀!").Select(decoder.Push));
        Assert.Equal("", decoder.Flush());
    }

    [Fact]
    public void FlushShowsAnUnfinishedCharacterAsAReplacementCharacter()
    {
        var bytesOnly = BpeTokenizer.Train("", 256);
        var decoder = bytesOnly.CreateStreamDecoder();

        Assert.Equal("a", decoder.Push('a'));
        Assert.Equal("", decoder.Push(0xE6)); // the first byte of "明", and then the model stops
        Assert.Equal("\uFFFD", decoder.Flush());
        Assert.Equal("a\uFFFD", bytesOnly.Decode(['a', 0xE6])); // what Decode shows for the same ids
    }

    [Fact]
    public void CharacterAndWordTokensStreamAtOnce()
    {
        var chars = CharTokenizer.FromText(TestTexts.TangPoems + "😀");
        var charDecoder = chars.CreateStreamDecoder();
        var words = WordTokenizer.FromWords(["妈妈", "喊", "我"]);
        var wordDecoder = words.CreateStreamDecoder();

        Assert.Equal(["床", "😀", "月"], chars.Encode("床😀月").Select(charDecoder.Push));
        Assert.Equal(["妈妈", "喊", "我"], words.Encode("妈妈喊我").Select(wordDecoder.Push));
    }

    [Fact]
    public void UnknownIdIsRejected()
    {
        var decoder = CharTokenizer.FromText("ab").CreateStreamDecoder();

        Assert.Contains("Token id 2", Assert.Throws<ArgumentException>(() => decoder.Push(2)).Message);
    }
}
