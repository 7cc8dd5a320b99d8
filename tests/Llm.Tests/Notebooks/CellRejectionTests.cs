using Llm.Notebooks;

namespace Llm.Tests.Notebooks;

/// <summary>What the kernel refuses (or only the kernel understands) fails its cell with a message that says what to do.</summary>
[Collection(NotebookCollection.Name)]
public class CellRejectionTests
{
    [Theory]
    [InlineData("namespace Shapes { class Box {} }", "cannot declare a namespace")]
    [InlineData("namespace Shapes;\nclass Box {}", "cannot declare a namespace")]
    [InlineData("var a = 1;\n#r \"Other.dll\"", "#r and #load must come before any code")]
    [InlineData("#!time\nvar a = 1;", "'#!time' is a .NET Interactive magic command")]
    [InlineData("#!fsharp\nlet a = 1", "'#!fsharp' is a .NET Interactive magic command")]
    [InlineData("#r \"nuget: Newtonsoft.Json, 13.0.3\"", "#r \"nuget:…\" is not supported")]
    [InlineData("#i \"nuget: https://example.org/feed/index.json\"", "#i (a package source) is not supported")]
    [InlineData("static class Ext { public static int Twice(this int x) => 2 * x; }", "put them in the library")]
    public async Task A_rejected_construct_fails_its_cell_with_a_clear_message(string source, string message)
    {
        using var folder = new NotebookFolder();
        var notebook = Notebook.Create(NotebookCell.Markdown("intro"), NotebookCell.Code("var ok = 1;"), NotebookCell.Code(source));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.StartsWith("code cell 2 (cell 3 of 3) failed: ", result.FailureMessage);
        Assert.Contains(message, result.FailureMessage);
        Assert.Equal(1, result.ExitCode);
        Assert.IsType<ErrorOutput>(Assert.Single(result.Notebook.Cells[2].Outputs));
    }

    [Theory]
    [InlineData("#!csharp")]
    [InlineData("#!c#")]
    [InlineData("#!C#")]
    public async Task A_cell_may_name_its_language_C_sharp_on_its_first_line(string magic)
    {
        using var folder = new NotebookFolder();
        var notebook = Notebook.Create(NotebookCell.Code($"{magic}\n6 * 7"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal("42", Assert.IsType<DisplayOutput>(Assert.Single(result.Notebook.Cells[0].Outputs))["text/plain"]);
    }

    [Fact]
    public void Stripped_lines_stay_as_empty_lines_so_that_error_positions_match_the_cell()
    {
        Assert.Equal("\nvar a = 1;", CellCode.Prepare("#!csharp\nvar a = 1;"));
    }
}
