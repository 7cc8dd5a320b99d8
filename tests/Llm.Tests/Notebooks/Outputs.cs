using Llm.Notebooks;
using Microsoft.DotNet.Interactive.Documents;

namespace Llm.Tests.Notebooks;

/// <summary>Reading a cell's outputs in assertions.</summary>
internal static class Outputs
{
    /// <summary>The text of a stream output, asserting that it is one and has the given name.</summary>
    public static string Stream(InteractiveDocumentOutputElement output, string name = "stdout")
    {
        var text = Assert.IsType<TextElement>(output);
        Assert.Equal(name, text.Name);
        return text.Text;
    }

    /// <summary>The content of a display_data output in one MIME type, or null when it lacks that type.</summary>
    public static string? DataOf(InteractiveDocumentOutputElement output, string mimeType) =>
        Assert.IsType<DisplayElement>(output).Data.TryGetValue(mimeType, out var value) ? NotebookFile.TextOf(value) : null;

    public static IReadOnlyList<string> MimeTypes(InteractiveDocumentOutputElement output) =>
        Assert.IsType<DisplayElement>(output).Data.Keys.ToList();
}
