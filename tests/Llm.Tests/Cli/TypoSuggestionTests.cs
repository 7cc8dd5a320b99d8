using Llm.Cli.Parsing;

namespace Llm.Tests.Cli;

public class TypoSuggestionTests
{
    [Theory]
    [InlineData("train", "train", 0)]
    [InlineData("trian", "train", 1)] // one swap
    [InlineData("--stpes", "--steps", 1)]
    [InlineData("--temprature", "--temperature", 1)] // one deletion
    [InlineData("kitten", "sitting", 3)] // the textbook example: two substitutions, one insertion
    [InlineData("", "abc", 3)]
    public void EditDistanceCountsEditsAndSwaps(string a, string b, int expected)
    {
        Assert.Equal(expected, TypoSuggestions.EditDistance(a, b));
        Assert.Equal(expected, TypoSuggestions.EditDistance(b, a));
    }
}
