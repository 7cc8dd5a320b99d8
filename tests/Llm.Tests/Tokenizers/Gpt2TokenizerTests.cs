using System.Text;
using System.Text.Json;
using Llm.Tokenizers;

namespace Llm.Tests.Tokenizers;

public class Gpt2TokenizerTests
{
    [Fact]
    public void ByteToUnicodeTableHasGpt2sKnownValues()
    {
        var table = ByteLevel.BytesToUnicode;

        Assert.Equal('\u0100', table[0]); // 'Ā': the first byte that is not printable gets U+0100
        Assert.Equal('\u010A', table['\n']); // 'Ċ'
        Assert.Equal('\u0120', table[' ']); // 'Ġ', the start of every GPT-2 token that begins with a space
        Assert.Equal('!', table['!']);
        Assert.Equal('~', table['~']);
        Assert.Equal('\u0121', table[127]); // DEL follows the 33 bytes 0–32
        Assert.Equal('\u0143', table[173]); // the soft hyphen is the 68th and last remapped byte
        Assert.Equal('ÿ', table[255]);
        Assert.Equal(256, table.Distinct().Count());
        Assert.Equal("Ġworld", ByteLevel.Encode(" world"u8));
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        Assert.Equal(all, ByteLevel.Decode(ByteLevel.Encode(all)));
    }

    [Fact]
    public void PreTokenizerCutsLikeGpt2()
    {
        Assert.Equal(["Hello", " world", ",", " it", "'s", " 2024", "!"], PreTokenizer.Gpt2.Split("Hello world, it's 2024!"));

        // A run of spaces gives all but its last space to one chunk; the last starts the next word.
        // Each newline before a word is cut on its own by the final \s+ (GPT-2 does the same).
        Assert.Equal(["a", " ", " b", "\n", "\n", "c"], PreTokenizer.Gpt2.Split("a  b\n\nc"));
        Assert.Equal(["床前明月光", "，", "疑是地上霜", "。"], PreTokenizer.Gpt2.Split("床前明月光，疑是地上霜。"));
        Assert.Equal(["I", "'m", " here", " 😀🎉", "  "], PreTokenizer.Gpt2.Split("I'm here 😀🎉  "));
    }

    /// <summary>
    /// A hand-made vocabulary in real GPT-2's layout: ids 0–255 are the 256 byte characters in the order
    /// of the byte table's printable bytes first ('!' = 0, ..., 'H' = 39, 'e' = 68, 'h' = 71, 'p' = 79),
    /// then the 68 remapped ones ('Ā' = 188, ..., 'Ġ' = 188 + 32 = 220); those ids are real GPT-2's too.
    /// Then ten merges, ids 256–265, and "&lt;|endoftext|&gt;" = 266:
    /// rank 0 "Ġ w" → 256, 1 "l l" → 257, 2 "e l" → 258, 3 "o r" → 259, 4 "Ġw or" → 260,
    /// 5 "l d" → 261, 6 "Ġwor ld" → 262, 7 "H e" → 263, 8 "He ll" → 264, 9 "Hell o" → 265.
    /// </summary>
    [Fact]
    public void HandMadeVocabularyEncodesAsWorkedByHand()
    {
        using var folder = new TempDirectory();
        var tokenizer = MiniTokenizer(folder);

        // "Hello": of the pairs He (rank 7), el (2), ll (1), lo (none), "l l" ranks lowest: H e ll o.
        // "e ll" is no merge, so "H e" (7) → He ll o, "He ll" (8) → Hell o, "Hell o" (9) → Hello = 265.
        // " world" = Ġ w o r l d: Ġw (0) → Ġw o r l d; or (3) → Ġw or l d; Ġwor (4); ld (5); Ġworld (6) = 262.
        Assert.Equal([265, 262], tokenizer.Encode("Hello world"));

        // "help": "e l" (rank 2) is the only merge that applies: h el p.
        Assert.Equal([71, 258, 79], tokenizer.Encode("help"));

        Assert.Equal([265, 266, 220, 265], tokenizer.Encode("Hello<|endoftext|> Hello"));
        Assert.Equal(266, tokenizer.EndOfTextId);
        Assert.Equal(267, tokenizer.VocabSize);
        Assert.Equal("Ġworld", tokenizer.IdToVocabEntry(262));
        Assert.Equal(" world", tokenizer.IdToToken(262));
        Assert.Equal("Hello world<|endoftext|>", tokenizer.Decode([265, 262, 266]));
        Assert.Equal("中文 ✓", tokenizer.Decode(tokenizer.Encode("中文 ✓"))); // unseen text falls back to bytes
    }

    [Fact]
    public void SaveAndLoadKeepTheVocabularyAndMerges()
    {
        using var folder = new TempDirectory();
        var tokenizer = MiniTokenizer(folder);
        var path = folder.File("gpt2.json");

        tokenizer.Save(path);
        var loaded = Assert.IsType<Gpt2Tokenizer>(TokenizerFile.Load(path));

        Assert.Equal(tokenizer.Encode("Hello world<|endoftext|>help"), loaded.Encode("Hello world<|endoftext|>help"));
        Assert.Equal(266, loaded.EndOfTextId);
    }

    [Fact]
    public void BpeTokenizerExportedInGpt2FormatEncodesTheSame()
    {
        // Our trainer and GPT-2's encoder share nothing but the file format and the pre-tokenizer pattern,
        // so equal ids mean the export, the byte table and the rank-order merging all agree.
        using var folder = new TempDirectory();
        var trained = BpeTokenizer.Train(TestTexts.Mixed, 400, specialTokens: ["<|endoftext|>"]);

        trained.ExportGpt2Files(folder.Path);
        var gpt2 = Gpt2Tokenizer.FromDirectory(folder.Path);

        Assert.Equal("#version: 0.2", File.ReadLines(folder.File("merges.txt")).First());
        Assert.Equal(trained.VocabSize, gpt2.VocabSize);
        Assert.Equal(trained.SpecialTokens["<|endoftext|>"], gpt2.EndOfTextId);
        foreach (var text in TestTexts.RoundTrip.Append(TestTexts.Mixed + "<|endoftext|>"))
        {
            var ids = trained.Encode(text);
            Assert.Equal(ids, gpt2.Encode(text));
            Assert.Equal(text, gpt2.Decode(ids));
        }
    }

    [Fact]
    public void MissingByteTokenIsReported()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("vocab.json"), """{"a": 0}""");
        File.WriteAllText(folder.File("merges.txt"), "#version: 0.2\n");

        var error = Assert.Throws<InvalidDataException>(() => Gpt2Tokenizer.FromDirectory(folder.Path));

        Assert.Contains("byte 0x00", error.Message);
    }

    [Gpt2FilesFact]
    public void RealGpt2FilesGiveTheKnownIds()
    {
        var tokenizer = Gpt2Tokenizer.FromDirectory(Gpt2FilesFactAttribute.Folder!);

        Assert.Equal(50257, tokenizer.VocabSize);
        Assert.Equal(50256, tokenizer.EndOfTextId);
        Assert.Equal([15496, 995], tokenizer.Encode("Hello world"));
        Assert.Equal("Hello world", tokenizer.Decode([15496, 995]));
    }

    private static Gpt2Tokenizer MiniTokenizer(TempDirectory folder)
    {
        var printable = Enumerable.Range(0, 256).Where(b => ByteLevel.BytesToUnicode[b] == b);
        var remapped = Enumerable.Range(0, 256).Where(b => ByteLevel.BytesToUnicode[b] != b);
        var vocab = printable.Concat(remapped).Select((b, id) => (Token: ByteLevel.BytesToUnicode[b].ToString(), Id: id)).ToList();
        string[] merges = ["Ġ w", "l l", "e l", "o r", "Ġw or", "l d", "Ġwor ld", "H e", "He ll", "Hell o"];
        vocab.AddRange(merges.Select((m, i) => (m.Replace(" ", ""), 256 + i)));
        vocab.Add(("<|endoftext|>", 266));
        File.WriteAllText(folder.File("vocab.json"), JsonSerializer.Serialize(vocab.ToDictionary(v => v.Token, v => v.Id)), Encoding.UTF8);
        File.WriteAllLines(folder.File("merges.txt"), ["#version: 0.2", .. merges]);
        return Gpt2Tokenizer.FromFiles(folder.File("vocab.json"), folder.File("merges.txt"));
    }
}
