using Llm.Notebooks;

namespace Llm.Tests.Notebooks;

/// <summary>
/// The runner does what Polyglot Notebooks' "Run All" does: cells in order in one script state,
/// in the notebook's folder, console output and displayed values saved as the kernel saves them.
/// </summary>
[Collection(NotebookCollection.Name)]
public class NotebookRunnerTests
{
    [Fact]
    public async Task Cells_run_in_order_and_keep_what_the_kernel_would_show()
    {
        using var folder = new NotebookFolder();
        var notebook = Notebook.Create(
            NotebookCell.Markdown("# A test notebook"),
            NotebookCell.Code($"#!csharp\n{folder.ReferenceLine}\nusing Llm;\nConsole.WriteLine(\"hello\");\nConsole.Error.WriteLine(\"careful\");\nTensor.Zeros(2, 3)"),
            NotebookCell.Code("record Point(int X, int Y);\nvar origin = new Point(0, 0);"),
            NotebookCell.Code("var moved = origin with { X = 3 };\nmoved"),
            NotebookCell.Code("await Task.Delay(1);\nvar shown = display(1);\nshown.Update(2);\nConsole.WriteLine(\"after\");\nHTML(\"<b>bold</b>\")"),
            NotebookCell.Code("\"<svg xmlns='http://www.w3.org/2000/svg'/>\".DisplayAs(\"image/svg+xml\");\nLlm.Charts.Chart.Line(new[] { 1.0, 2.0, 3.0 })"),
            NotebookCell.Code("new List<int> { 1, 2, 3 }.Display();\nConsole.WriteLine(\"no value\")"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(0, result.ExitCode);
        var cells = result.Notebook.Cells;
        Assert.Equal([null, 1, 2, 3, 4, 5, 6], cells.Select(c => c.ExecutionCount));

        Assert.Equal(new StreamOutput("stdout", "hello\n"), cells[1].Outputs[0]);
        Assert.Equal(new StreamOutput("stderr", "careful\n"), cells[1].Outputs[1]);
        var tensor = Assert.IsType<DisplayOutput>(cells[1].Outputs[2]);
        Assert.Equal(["text/html", "text/plain"], tensor.Data.Select(d => d.Key));

        Assert.Empty(cells[2].Outputs);
        Assert.Equal("Point { X = 3, Y = 0 }", Assert.IsType<DisplayOutput>(Assert.Single(cells[3].Outputs))["text/plain"]);

        // The updated display keeps its place, before the text printed after it.
        Assert.Equal(3, cells[4].Outputs.Count);
        Assert.Equal("2", Assert.IsType<DisplayOutput>(cells[4].Outputs[0])["text/plain"]);
        Assert.Equal(new StreamOutput("stdout", "after\n"), cells[4].Outputs[1]);
        Assert.Equal("<b>bold</b>", Assert.IsType<DisplayOutput>(cells[4].Outputs[2])["text/html"]);

        Assert.Equal("<svg xmlns='http://www.w3.org/2000/svg'/>", Assert.IsType<DisplayOutput>(cells[5].Outputs[0])["image/svg+xml"]);
        var chart = Assert.IsType<DisplayOutput>(cells[5].Outputs[1]);
        Assert.StartsWith("<svg", chart["image/svg+xml"]);
        Assert.Null(chart["text/html"]);

        Assert.Equal("[1, 2, 3]", Assert.IsType<DisplayOutput>(cells[6].Outputs[0])["text/plain"]);
        Assert.Equal(new StreamOutput("stdout", "no value\n"), cells[6].Outputs[1]);

        Assert.All(result.Cells, c => Assert.True(c.Elapsed > TimeSpan.Zero));
        Assert.True(result.Elapsed >= result.Cells.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Elapsed));
    }

    [Fact]
    public async Task The_saved_notebook_has_the_kernel_s_shape_and_passes_validation()
    {
        using var folder = new NotebookFolder();
        var path = folder.Save(Notebook.Create(
            NotebookCell.Markdown("text"),
            NotebookCell.Code("Console.WriteLine(\"a\");\n\"<svg/>\".DisplayAs(\"image/svg+xml\");\nHTML(\"<p>x</p>\")"),
            NotebookCell.Code("throw new Exception(\"oops\");")));

        var result = await NotebookFolder.Run(path);
        NotebookWriter.Save(result.Notebook, path);

        var text = File.ReadAllText(path);
        Assert.Contains("\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",", text);
        Assert.Contains("\"output_type\": \"stream\"", text);
        Assert.Contains("\"image/svg+xml\": \"<svg/>\"", text);
        Assert.Contains("\"text/html\": [\n       \"<p>x</p>\"\n      ]", text);
        Assert.Contains("\"ename\": \"Error\",\n     \"evalue\": \"System.Exception: oops\"", text);
        Assert.Equal(NotebookWriter.ToJson(result.Notebook), NotebookWriter.ToJson(NotebookReader.Read(path)));
        if (Nbformat.Available)
        {
            Assert.Null(Nbformat.Validate(path));
        }
    }

    [Fact]
    public async Task A_notebook_runs_in_its_folder_with_the_runner_s_variables_and_the_process_gets_them_back()
    {
        using var folder = new NotebookFolder();
        var before = Environment.CurrentDirectory;
        var quickBefore = Environment.GetEnvironmentVariable("LLM_QUICK");
        File.WriteAllText(folder.File("data.txt"), "from the notebook's folder");
        var notebook = Notebook.Create(NotebookCell.Code(
            "Console.WriteLine(Environment.CurrentDirectory);\n" +
            "Console.WriteLine(System.IO.File.ReadAllText(\"data.txt\"));\n" +
            "Console.WriteLine($\"{Environment.GetEnvironmentVariable(\"LLM_NOTEBOOK_RUNNER\")} {Environment.GetEnvironmentVariable(\"LLM_QUICK\")}\");"));

        var result = await NotebookFolder.Run(folder.Save(notebook), quick: true);

        var lines = Assert.IsType<StreamOutput>(Assert.Single(result.Notebook.Cells[0].Outputs)).Text.Split('\n');
        Assert.Equal(Path.GetFullPath(folder.Path), Path.GetFullPath(lines[0]));
        Assert.Equal("from the notebook's folder", lines[1]);
        Assert.Equal("1 1", lines[2]);
        Assert.Equal(before, Environment.CurrentDirectory);
        Assert.Equal(quickBefore, Environment.GetEnvironmentVariable("LLM_QUICK"));
        Assert.Null(Environment.GetEnvironmentVariable("LLM_NOTEBOOK_RUNNER"));
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_names_the_cell_and_leaves_later_cells_alone()
    {
        using var folder = new NotebookFolder();
        var later = NotebookCell.Code("Console.WriteLine(\"never\");");
        later.ExecutionCount = 9;
        later.Outputs.Add(new StreamOutput("stdout", "from an earlier run\n"));
        var notebook = Notebook.Create(
            NotebookCell.Markdown("intro"),
            NotebookCell.Code("var ok = 1;"),
            NotebookCell.Code("Console.WriteLine(\"before\");\nthrow new InvalidOperationException(\"oops\");"),
            later);

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.ExitCode);
        var failure = result.Failure!;
        Assert.Equal((2, 2), (failure.CodeCellNumber, failure.CellIndex));
        Assert.StartsWith("code cell 2 (cell 3 of 4) failed: System.InvalidOperationException: oops", result.FailureMessage);
        Assert.Equal(new StreamOutput("stdout", "before\n"), result.Notebook.Cells[2].Outputs[0]);
        var error = Assert.IsType<ErrorOutput>(result.Notebook.Cells[2].Outputs[1]);
        Assert.Equal(("Error", "System.InvalidOperationException: oops"), (error.Name, error.Value));
        Assert.Equal(CellStatus.NotRun, result.Cells[^1].Status);
        Assert.Equal(9, result.Notebook.Cells[3].ExecutionCount);
        Assert.Equal(new StreamOutput("stdout", "from an earlier run\n"), Assert.Single(result.Notebook.Cells[3].Outputs));
    }

    [Fact]
    public async Task A_compile_error_fails_its_cell_with_the_compiler_s_message()
    {
        using var folder = new NotebookFolder();
        var notebook = Notebook.Create(NotebookCell.Code("var x = 1;"), NotebookCell.Code("Console.WriteLine(y);"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.Equal("code cell 2 (cell 2 of 2) failed: (1,19): error CS0103: The name 'y' does not exist in the current context", result.FailureMessage);
        Assert.IsType<ErrorOutput>(Assert.Single(result.Notebook.Cells[1].Outputs));
    }

    [Fact]
    public async Task Other_kernels_cells_are_skipped_with_a_note_and_markdown_is_not_run()
    {
        using var folder = new NotebookFolder();
        var notebook = Notebook.Create(
            NotebookCell.Markdown("Console.WriteLine(\"markdown is not code\");"),
            NotebookCell.Code("Write-Host 'hi'", kernelName: "pwsh"),
            NotebookCell.Code("1 + 1"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.True(result.Succeeded);
        Assert.Equal([CellStatus.Skipped, CellStatus.Ran], result.Cells.Select(c => c.Status));
        Assert.Contains("'pwsh'", result.Cells[0].Note);
        Assert.Null(result.Notebook.Cells[1].ExecutionCount);
        Assert.Equal(1, result.Notebook.Cells[2].ExecutionCount);
        Assert.Equal("2", Assert.IsType<DisplayOutput>(Assert.Single(result.Notebook.Cells[2].Outputs))["text/plain"]);
    }

    [Fact]
    public async Task Each_notebook_starts_from_a_fresh_state()
    {
        using var folder = new NotebookFolder();
        await NotebookFolder.Run(folder.Save(Notebook.Create(NotebookCell.Code("var counter = 1;")), "first.ipynb"));

        var second = await NotebookFolder.Run(folder.Save(Notebook.Create(NotebookCell.Code("counter")), "second.ipynb"));

        Assert.Contains("CS0103", second.FailureMessage);
    }

    [Fact]
    public async Task A_referenced_DLL_finds_its_dependencies_in_its_own_folder()
    {
        using var folder = new NotebookFolder();
        var libs = Directory.CreateDirectory(folder.File("libs")).FullName;
        TinyLibraries.Build(libs);
        var notebook = Notebook.Create(NotebookCell.Code("#r \"libs/Greeter.dll\"\nGreeter.Hello()"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal("hello from Words", Assert.IsType<DisplayOutput>(Assert.Single(result.Notebook.Cells[0].Outputs))["text/plain"]);
    }
}
