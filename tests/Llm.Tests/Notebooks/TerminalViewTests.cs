using Llm.Notebooks;
using Microsoft.DotNet.Interactive.Documents;

namespace Llm.Tests.Notebooks;

/// <summary>Outputs as `llm notebook run` prints them: text as is, pictures as notes, HTML as its text.</summary>
public class TerminalViewTests
{
    [Fact]
    public void A_picture_is_a_note_with_its_type_and_size_followed_by_its_text()
    {
        var svg = "<svg>" + new string(' ', 12 * 1024) + "</svg>";
        var display = new DisplayElement(new Dictionary<string, object> { ["image/svg+xml"] = svg, ["text/plain"] = "Line chart" });

        Assert.Equal("[picture: image/svg+xml, 13 KB]\nLine chart\n", TerminalView.Describe(display));
    }

    [Fact]
    public void HTML_without_plain_text_is_reduced_to_its_text()
    {
        var html = "<style>b{}</style><table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table><p>x &amp; y</p>";

        Assert.Equal("a 1\nb 2\nx & y", TerminalView.Describe(new Dictionary<string, object> { ["text/html"] = html }));
    }

    [Fact]
    public void Plain_text_wins_over_HTML()
    {
        Assert.Equal("plain", TerminalView.Describe(new Dictionary<string, object> { ["text/html"] = "<b>bold</b>", ["text/plain"] = "plain" }));
    }

    [Fact]
    public void Streams_print_as_they_are_and_errors_as_name_and_message()
    {
        Assert.Equal("out\n", TerminalView.Describe(new TextElement("out\n", "stdout")));
        Assert.Equal("Error: boom\n", TerminalView.Describe(new ErrorElement("boom", "Error", ["boom"])));
    }
}
