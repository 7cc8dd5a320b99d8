using System.Text.Json.Nodes;
using Llm.Notebooks;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using static Llm.Tests.Notebooks.Outputs;

namespace Llm.Tests.Notebooks;

/// <summary>
/// .ipynb files through the kernel's Documents library: the text Polyglot Notebooks saves, read and
/// written back unchanged, and every course notebook kept whole by a round trip.
/// </summary>
public class NotebookFileTests
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
              "image/svg+xml": [
               "<svg>\n",
               "</svg>"
              ],
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
    public void A_file_saved_by_Polyglot_Notebooks_is_written_back_byte_for_byte()
    {
        var notebook = Notebook.Parse(VsCodeFile);

        Assert.Equal(VsCodeFile, NotebookFile.ToJson(notebook));
    }

    [Fact]
    public void Reading_gives_cells_sources_and_typed_outputs()
    {
        var notebook = Notebook.Parse(VsCodeFile);

        Assert.Equal([true, false], notebook.Elements.Select(NotebookFile.IsMarkdown));
        var code = notebook.Elements[1];
        Assert.Equal("9d04e6c1", code.Id);
        Assert.Equal(1, code.ExecutionOrder);
        Assert.Equal("Console.WriteLine(\"output\");\n42", code.Contents);
        Assert.Equal("output\n", Stream(code.Outputs[0]));
        Assert.Equal("42", DataOf(code.Outputs[1], "text/plain"));
        Assert.Equal("<svg>\n</svg>", DataOf(code.Outputs[2], "image/svg+xml"));
        Assert.Equal("<b>html</b>\n<i>two</i>", DataOf(code.Outputs[2], "text/html"));
        var error = Assert.IsType<ErrorElement>(code.Outputs[3]);
        Assert.Equal(("Error", "System.Exception: oops!"), (error.ErrorName, error.ErrorValue));
    }

    public static TheoryData<string> CourseNotebooks =>
        new(Directory.GetFiles(Path.Combine(NotebookFolder.RepoRoot, "notebooks"), "*.ipynb").Select(Path.GetFileName).Order()!);

    /// <summary>Reading and writing a course notebook loses nothing: the same JSON, up to how text is split into lines.</summary>
    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void A_course_notebook_survives_a_round_trip(string name)
    {
        var path = Path.Combine(NotebookFolder.RepoRoot, "notebooks", name);

        var written = NotebookFile.ToJson(NotebookFile.Read(path));

        Assert.Equal(Normalized(File.ReadAllText(path)), Normalized(written));
    }

    [Fact]
    public void Only_nbformat_4_is_accepted_and_a_broken_file_says_which()
    {
        using var folder = new NotebookFolder();
        File.WriteAllText(folder.File("old.ipynb"), """{"cells": [], "metadata": {}, "nbformat": 3, "nbformat_minor": 0}""");
        File.WriteAllText(folder.File("broken.ipynb"), "not json");

        Assert.Contains("nbformat 3", Assert.Throws<InvalidDataException>(() => NotebookFile.Read(folder.File("old.ipynb"))).Message);
        Assert.Contains("broken.ipynb is not a readable .ipynb notebook", Assert.Throws<InvalidDataException>(() => NotebookFile.Read(folder.File("broken.ipynb"))).Message);
    }

    [Fact]
    public void A_cell_s_kernel_is_its_own_else_the_notebook_default()
    {
        var notebook = Notebook.Parse("""
            {"cells": [
              {"cell_type": "code", "id": "a", "metadata": {"polyglot_notebook": {"kernelName": "pwsh"}}, "outputs": [], "source": []},
              {"cell_type": "code", "id": "b", "metadata": {"dotnet_interactive": {"language": "fsharp"}}, "outputs": [], "source": []},
              {"cell_type": "code", "id": "c", "metadata": {}, "outputs": [], "source": []}],
             "metadata": {"polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": []}}}, "nbformat": 4, "nbformat_minor": 5}
            """);

        Assert.Equal(["pwsh", "fsharp", "csharp"], notebook.Elements.Select(c => NotebookFile.KernelNameOf(notebook, c)));
        Assert.Equal([false, false, true], notebook.Elements.Select(c => NotebookFile.IsCSharp(notebook, c)));
    }

    [Fact]
    public void New_cells_get_distinct_eight_character_ids_when_saved()
    {
        var notebook = NotebookFile.Create(Enumerable.Range(0, 100).Select(_ => NotebookFile.Text("x")));

        NotebookFile.ToJson(notebook);

        var ids = notebook.Elements.Select(c => c.Id!).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{8}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Saving_replaces_the_file_and_leaves_no_temporary_file()
    {
        using var folder = new NotebookFolder();
        var path = folder.File("n.ipynb");
        File.WriteAllText(path, "old");

        NotebookFile.Save(Notebook.Parse(VsCodeFile), path);

        Assert.Equal(VsCodeFile, File.ReadAllText(path));
        Assert.Equal(["n.ipynb"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [NbformatFact]
    public void What_the_writer_saves_passes_Jupyter_s_validator()
    {
        using var folder = new NotebookFolder();
        var notebook = Notebook.Parse(VsCodeFile);
        notebook.Elements.Add(NotebookFile.Code("never ran"));

        Assert.Null(Nbformat.Validate(folder.Save(notebook)));
    }

    /// <summary>The JSON with every array of strings joined into one string, so that only content counts.</summary>
    private static string Normalized(string json) => Join(JsonNode.Parse(json))!.ToJsonString();

    private static JsonNode? Join(JsonNode? node) => node switch
    {
        JsonArray array when array.Count > 0 && array.All(n => n is JsonValue v && v.TryGetValue<string>(out _)) =>
            JsonValue.Create(string.Concat(array.Select(n => n!.GetValue<string>()))),
        JsonArray array => new JsonArray(array.Select(n => Join(n?.DeepClone())).ToArray()),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Join(p.Value?.DeepClone())))),
        _ => node?.DeepClone(),
    };
}
