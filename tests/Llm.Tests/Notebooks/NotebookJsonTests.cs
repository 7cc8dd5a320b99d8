using System.Text.Json.Nodes;
using Llm.Notebooks;

namespace Llm.Tests.Notebooks;

/// <summary>The .ipynb reader and writer: the exact text VS Code's Polyglot Notebooks saves, and a lossless round trip.</summary>
public class NotebookJsonTests
{
    // A notebook as VS Code saves it: keys sorted, one-space indent, text as lines, a final newline.
    private const string VsCodeFile = """
        {
         "cells": [
          {
           "cell_type": "markdown",
           "id": "3f1c2a7b",
           "metadata": {},
           "source": [
            "# 床前明月光\n",
            "\n",
            "Text with <b>tags</b> & \"quotes\""
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 1,
           "id": "9d04e6c1",
           "metadata": {
            "dotnet_interactive": {
             "language": "csharp"
            },
            "polyglot_notebook": {
             "kernelName": "csharp"
            },
            "vscode": {
             "languageId": "polyglot-notebook"
            }
           },
           "outputs": [
            {
             "name": "stdout",
             "output_type": "stream",
             "text": [
              "output\n"
             ]
            },
            {
             "data": {
              "text/plain": [
               "42"
              ]
             },
             "metadata": {},
             "output_type": "display_data"
            },
            {
             "data": {
              "image/svg+xml": "<svg>\n</svg>",
              "text/html": [
               "<b>html</b>\n",
               "<i>two</i>"
              ]
             },
             "metadata": {},
             "output_type": "display_data"
            },
            {
             "ename": "Error",
             "evalue": "System.Exception: oops!",
             "output_type": "error",
             "traceback": [
              "System.Exception: oops!"
             ]
            }
           ],
           "source": [
            "Console.WriteLine(\"output\");\n",
            "42"
           ]
          }
         ],
         "metadata": {
          "kernelspec": {
           "display_name": ".NET (C#)",
           "language": "C#",
           "name": ".net-csharp"
          },
          "language_info": {
           "name": "polyglot-notebook"
          },
          "polyglot_notebook": {
           "kernelInfo": {
            "defaultKernelName": "csharp",
            "items": [
             {
              "aliases": [],
              "name": "csharp"
             }
            ]
           }
          }
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }

        """;

    [Fact]
    public void A_file_saved_by_VS_Code_is_written_back_byte_for_byte()
    {
        var notebook = NotebookReader.Parse(VsCodeFile);

        Assert.Equal(VsCodeFile, NotebookWriter.ToJson(notebook));
    }

    [Fact]
    public void Reading_gives_cells_sources_and_typed_outputs()
    {
        var notebook = NotebookReader.Parse(VsCodeFile);

        Assert.Equal([CellKind.Markdown, CellKind.Code], notebook.Cells.Select(c => c.Kind));
        var code = notebook.Cells[1];
        Assert.Equal("9d04e6c1", code.Id);
        Assert.Equal(1, code.ExecutionCount);
        Assert.Equal("Console.WriteLine(\"output\");\n42", code.Source);
        Assert.Equal(new StreamOutput("stdout", "output\n"), code.Outputs[0]);
        Assert.Equal("42", Assert.IsType<DisplayOutput>(code.Outputs[1])["text/plain"]);
        var rich = Assert.IsType<DisplayOutput>(code.Outputs[2]);
        Assert.Equal("<svg>\n</svg>", rich["image/svg+xml"]);
        Assert.Equal("<b>html</b>\n<i>two</i>", rich["text/html"]);
        var error = Assert.IsType<ErrorOutput>(code.Outputs[3]);
        Assert.Equal(("Error", "System.Exception: oops!"), (error.Name, error.Value));
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("one", new[] { "one" })]
    [InlineData("a\nb", new[] { "a\n", "b" })]
    [InlineData("a\nb\n", new[] { "a\n", "b\n" })]
    [InlineData("\n\n", new[] { "\n", "\n" })]
    public void Text_is_stored_as_lines_that_keep_their_newline(string text, string[] lines)
    {
        Assert.Equal(lines, NotebookWriter.Lines(text).Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void A_source_given_as_one_string_and_an_execute_result_are_read_too()
    {
        var notebook = NotebookReader.Parse("""
            {"cells": [{"cell_type": "code", "execution_count": 3, "id": "a", "metadata": {}, "source": "x\ny",
              "outputs": [{"output_type": "execute_result", "execution_count": 3, "data": {"text/plain": "7"}, "metadata": {}}]}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """);

        var cell = Assert.Single(notebook.Cells);
        Assert.Equal("x\ny", cell.Source);
        var result = Assert.IsType<DisplayOutput>(Assert.Single(cell.Outputs));
        Assert.Equal(("7", 3), (result["text/plain"], result.ExecutionCount));
        Assert.Contains("\"output_type\": \"execute_result\"", NotebookWriter.ToJson(notebook));
    }

    [Fact]
    public void Only_nbformat_4_is_accepted()
    {
        Assert.Throws<InvalidDataException>(() => NotebookReader.Parse("""{"cells": [], "metadata": {}, "nbformat": 3, "nbformat_minor": 0}"""));
        Assert.Throws<InvalidDataException>(() => NotebookReader.Parse("not json"));
    }

    [Fact]
    public void A_cell_s_kernel_is_its_kernel_name_else_its_language_else_the_notebook_default()
    {
        var notebook = Notebook.Create(
            NotebookCell.Code("1", kernelName: "pwsh"),
            new NotebookCell(CellKind.Code, "2") { Metadata = new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = "fsharp" } } },
            new NotebookCell(CellKind.Code, "3"));

        Assert.Equal(["pwsh", "fsharp", "csharp"], notebook.Cells.Select(notebook.KernelNameOf));
        Assert.Equal([false, false, true], notebook.Cells.Select(notebook.IsCSharp));
    }

    [Fact]
    public void New_cells_get_distinct_eight_character_ids()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => NotebookCell.Markdown("x").Id).ToList();

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{8}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Saving_replaces_the_file_and_leaves_no_temporary_file()
    {
        using var folder = new NotebookFolder();
        var path = folder.File("n.ipynb");
        File.WriteAllText(path, "old");

        NotebookWriter.Save(NotebookReader.Parse(VsCodeFile), path);

        Assert.Equal(VsCodeFile, File.ReadAllText(path));
        Assert.Equal(["n.ipynb"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [NbformatFact]
    public void What_the_writer_saves_passes_Jupyter_s_validator()
    {
        using var folder = new NotebookFolder();
        var notebook = NotebookReader.Parse(VsCodeFile);
        notebook.Cells.Add(NotebookCell.Code("never ran"));
        notebook.Cells.Add(new NotebookCell(CellKind.Raw, "raw text"));

        Assert.Null(Nbformat.Validate(folder.Save(notebook)));
    }
}
