using Llm.Data;

namespace Llm.Tests.Data;

public class TangPoemsTests
{
    private static readonly string[] Poems = TangPoems.Load();

    [Fact]
    public void DataFolderIsFound()
    {
        Assert.True(File.Exists(Path.Combine(DataPaths.Root, "poems", "tang.txt")));
        Assert.True(File.Exists(Path.Combine(DataPaths.Root, "poems", "LICENSE")));
    }

    [Fact]
    public void CorpusHasTheDocumentedSize()
    {
        // The numbers in data/poems/README.md.
        Assert.Equal(11763, Poems.Length);
        Assert.Equal(351552, Poems.Sum(p => p.Length));
        Assert.Equal(3600, Poems.SelectMany(p => p).Distinct().Count());
        Assert.Equal(Poems.Length, Poems.Distinct().Count());
    }

    [Fact]
    public void EveryPoemIsAQuatrainOfFiveOrSevenCharacterLines()
    {
        var misshapen = Poems.Where(poem => !IsQuatrain(poem)).ToArray();
        Assert.Empty(misshapen);
    }

    // Four lines of five or seven Chinese characters, closed by ， 。 ， 。 in turn.
    private static bool IsQuatrain(string poem)
    {
        var lines = poem.Split('，', '。');
        var n = lines[0].Length;
        return n is 5 or 7
            && lines.Length == 5 && lines[4].Length == 0
            && lines[..4].All(line => line.Length == n && line.All(c => c is >= '\u4e00' and <= '\u9fff'))
            && poem == $"{lines[0]}，{lines[1]}。{lines[2]}，{lines[3]}。";
    }

    [Fact]
    public void FamousPoemsAreInSimplifiedCharacters()
    {
        Assert.Contains("床前明月光，疑是地上霜。举头望明月，低头思故乡。", Poems);
        Assert.Contains("白日依山尽，黄河入海流。欲穷千里目，更上一层楼。", Poems);
    }

    [Fact]
    public void StandardSplitIsDeterministicAndDisjoint()
    {
        var (train, validation) = TangPoems.Split();
        var (train2, validation2) = TangPoems.Split();
        Assert.Equal(train, train2);
        Assert.Equal(validation, validation2);
        Assert.Equal(Poems.Length, train.Length + validation.Length);
        Assert.Equal(1176, validation.Length);
        Assert.Empty(train.Intersect(validation));
    }
}
