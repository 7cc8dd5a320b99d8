using Llm.Tokenizers;

namespace Llm.Tests.Tokenizers;

public class TokenizerFileTests
{
    [Fact]
    public void LoadChoosesTheClassByTheTypeField()
    {
        using var folder = new TempDirectory();
        ITokenizer[] tokenizers =
        [
            CharTokenizer.FromText(TestTexts.TangPoems),
            WordTokenizer.FromWords(["床", "前", "明月", "光"]),
            BpeTokenizer.Train(TestTexts.TangPoems, 270),
        ];

        foreach (var tokenizer in tokenizers)
        {
            var path = folder.File(tokenizer.GetType().Name + ".json");
            tokenizer.Save(path);

            var loaded = TokenizerFile.Load(path);

            Assert.IsType(tokenizer.GetType(), loaded);
            Assert.Equal(tokenizer.Encode("床前明月光"), loaded.Encode("床前明月光"));
        }
    }

    [Fact]
    public void BadFilesGiveClearErrors()
    {
        using var folder = new TempDirectory();
        var path = folder.File("tokenizer.json");

        File.WriteAllText(path, """{"type": "sentencepiece"}""");
        Assert.Contains("unknown tokenizer type 'sentencepiece'", Assert.Throws<InvalidDataException>(() => TokenizerFile.Load(path)).Message);

        File.WriteAllText(path, """{"type": "char"}""");
        Assert.Contains("no \"vocab\" field", Assert.Throws<InvalidDataException>(() => TokenizerFile.Load(path)).Message);

        CharTokenizer.FromText("abc").Save(path);
        Assert.Contains("different kind of tokenizer", Assert.Throws<InvalidDataException>(() => BpeTokenizer.Load(path)).Message);

        Assert.Throws<FileNotFoundException>(() => TokenizerFile.Load(folder.File("missing.json")));
    }
}
