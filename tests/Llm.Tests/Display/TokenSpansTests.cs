using System.Xml.Linq;
using Llm.Display;

namespace Llm.Tests.Display;

public class TokenSpansTests
{
    [Fact]
    public void EachTokenIsASpanWithItsIdOnHover()
    {
        var tokens = new TokenSpans([("Hello", 15496), (",", 11), (" world", 995), ("<|endoftext|>", 50256)]);
        var html = XElement.Parse("<root>" + tokens.ToHtml() + "</root>");
        var spans = html.Descendants("span").ToList();
        Assert.Equal(4, spans.Count);
        Assert.Equal(["id 15496", "id 11", "id 995", "id 50256"], spans.Select(s => (string)s.Attribute("title")!));
        Assert.Equal(["Hello", ",", "·world", "<|endoftext|>"], spans.Select(s => s.Value));
        Assert.NotEqual((string)spans[0].Attribute("style")!, (string)spans[1].Attribute("style")!); // neighbours differ
        Assert.Contains("4 tokens", html.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void FromIdsAndADecoder()
    {
        var vocabulary = new Dictionary<int, string> { [0] = "床", [1] = "前", [2] = "\n" };
        var tokens = TokenSpans.From([0, 1, 2, 0], id => vocabulary[id]);
        Assert.Equal(4, tokens.Count);
        Assert.Equal("床前\n床", tokens.Text);
        Assert.Equal("|床|前|↵|床|\n[0, 1, 2, 0]", tokens.ToString());
        Assert.Contains("↵\n", XElement.Parse("<root>" + tokens.ToHtml() + "</root>").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyAndControlCharactersAreVisible()
    {
        var tokens = new TokenSpans([new TokenSpan(string.Empty, 7), new TokenSpan("\u0001", 8)]);
        var spans = XElement.Parse("<root>" + tokens.ToHtml() + "</root>").Descendants("span").Select(s => s.Value);
        Assert.Equal(["∅", "\\x01"], spans);
    }
}
