using Llm.Recipes;

namespace Llm.Tests.Recipes;

public class PoemShapeTests
{
    [Theory]
    [InlineData("床前明月光，疑是地上霜。举头望明月，低头思故乡。")]
    [InlineData("朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。")]
    [InlineData("春眠不觉晓，处处闻啼鸟？夜来风雨声！花落知多少；")]
    public void AcceptsFourLinesOfFiveOrSeven(string poem) => Assert.True(PoemGpt.HasPoemShape(poem));

    [Theory]
    [InlineData("月里南山路，一生无处到。")] // two lines: the old check called this a quatrain
    [InlineData("床前明月光，疑是地上霜。举头望明月，")] // three lines
    [InlineData("床前明月光，疑是地上霜。举头望明月，低头思故乡。山高月小，")] // five lines
    [InlineData("床前明月光，疑是地上霜。举头望明月，低头思故乡")] // the last line has no mark: cut off
    [InlineData("床前明月光，疑是地上霜。举头望明月，低头思故。")] // one line short
    [InlineData("床前明月光，疑是地上霜。举头望明月光，低头思故乡乡。")] // five and seven mixed
    [InlineData("床前明月，疑是地上。举头望明，低头思故。")] // four characters a line
    [InlineData("床前明月光，，疑是地上霜。举头望明月，低头思故乡。")] // an empty line between marks
    [InlineData("")]
    public void RejectsEverythingElse(string poem) => Assert.False(PoemGpt.HasPoemShape(poem));
}
