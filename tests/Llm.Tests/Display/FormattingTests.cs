using System.Xml.Linq;
using Llm.Charts;
using Llm.Display;

namespace Llm.Tests.Display;

public class FormattingTests
{
    [Fact]
    public void PicksThePreferredMimeType()
    {
        Assert.True(Formatting.TryFormat(Chart.Line(new[] { 1.0, 2.0 }), out var mimeType, out var svg));
        Assert.Equal("image/svg+xml", mimeType);
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);

        Assert.True(Formatting.TryFormat(Tensor.Ones(2, 2), out mimeType, out var html));
        Assert.Equal("text/html", mimeType);
        Assert.Contains("<table", html, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatsAGivenMimeType()
    {
        Assert.True(Formatting.TryFormat(Chart.Bar(["a"], new[] { 1.0 }), "text/html", out var html));
        Assert.StartsWith("<svg", html, StringComparison.Ordinal); // inline SVG in HTML
        Assert.False(Formatting.TryFormat(Tensor.Ones(1), "image/png", out _));
    }

    [Fact]
    public void FormatAllGivesEveryPreferredMimeTypeInOrder()
    {
        var all = Formatting.FormatAll(new TokenSpans([("a", 1)]));
        Assert.Equal(["text/html", "text/plain"], all.Select(x => x.MimeType));
    }

    [Fact]
    public void TypesWithoutASourceAreNotFormatted()
    {
        Assert.False(Formatting.TryFormat("text", out _, out _));
        Assert.False(Formatting.TryFormat(null, out _, out _));
        Assert.Empty(Formatting.FormatAll(42));
    }

    [Fact]
    public void PlainTextForATerminal()
    {
        var tensor = Tensor.FromArray([1, 2], 2);
        Assert.Equal(tensor.ToString(), Formatting.ToPlainText(tensor));
        Assert.StartsWith("Bar chart", Formatting.ToPlainText(Chart.Bar(["a"], new[] { 1.0 })), StringComparison.Ordinal);
        Assert.Equal("42", Formatting.ToPlainText(42));
        Assert.Equal("null", Formatting.ToPlainText(null));
    }

    [Fact]
    public void AFormattersOwnErrorReachesTheCaller()
    {
        var allNaN = Chart.Line(new[] { double.NaN });
        Assert.Throws<ArgumentException>(() => Formatting.TryFormat(allNaN, out _, out _));
    }

    [Theory]
    [MemberData(nameof(KernelConventionTests.Values), MemberType = typeof(KernelConventionTests))]
    public void EveryHtmlIsWellFormed(string name)
    {
        var value = KernelConventionTests.Make(name);
        if (Formatting.TryFormat(value, "text/html", out var html))
        {
            XElement.Parse("<root>" + html + "</root>");
        }
    }
}
