using Llm.Notebooks;
using Microsoft.DotNet.Interactive.Documents;
using static Llm.Tests.Notebooks.Outputs;

namespace Llm.Tests.Notebooks;

/// <summary>
/// The runner is the .NET Interactive C# kernel run as Polyglot Notebooks' "Run All" runs it: cells
/// in order in one kernel, in the notebook's folder, each kernel event saved as VS Code saves it.
/// It also fails a run on what the course must not ship: warnings, lost and stale display updates.
/// </summary>
[Collection(NotebookCollection.Name)]
public class NotebookRunnerTests
{
    [Fact]
    public async Task Cells_run_in_order_and_keep_what_the_kernel_shows()
    {
        using var folder = new NotebookFolder();
        var notebook = NotebookFile.Create(
            NotebookFile.Text("# A test notebook"),
            NotebookFile.Code($"{folder.ReferenceLine}\nusing Llm;\nConsole.Write(\"hel\");\nConsole.WriteLine(\"lo\");\nTensor.Zeros(2, 3)"),
            NotebookFile.Code("record Point(int X, int Y);\nvar origin = new Point(0, 0);"),
            NotebookFile.Code("var moved = origin with { X = 3 };\nmoved.ToString()"),
            NotebookFile.Code("\"<svg xmlns='http://www.w3.org/2000/svg'/>\".DisplayAs(\"image/svg+xml\");\nLlm.Charts.Chart.Line(new[] { 1.0, 2.0, 3.0 })"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.True(result.Succeeded, result.FailureMessage);
        var cells = result.Notebook.Elements;
        Assert.Equal([0, 1, 2, 3, 4], cells.Select(c => c.ExecutionOrder));

        // Console writes in a row are one stream output; the tensor shows through the library's
        // TypeFormatterSource, which the kernel honours: HTML first, plain text too.
        Assert.Equal("hello\n", Stream(cells[1].Outputs[0]));
        Assert.Equal(["text/html", "text/plain"], MimeTypes(cells[1].Outputs[1]));
        Assert.StartsWith("tensor(", DataOf(cells[1].Outputs[1], "text/plain"));

        Assert.Empty(cells[2].Outputs);
        Assert.Equal("Point { X = 3, Y = 0 }", DataOf(Assert.Single(cells[3].Outputs), "text/plain"));

        Assert.Equal("<svg xmlns='http://www.w3.org/2000/svg'/>", DataOf(cells[4].Outputs[0], "image/svg+xml"));
        Assert.StartsWith("<svg", DataOf(cells[4].Outputs[1], "image/svg+xml"));
        Assert.All(result.Cells, c => Assert.True(c.Elapsed > TimeSpan.Zero));
    }

    [Fact]
    public async Task A_live_display_keeps_its_place_and_ends_on_its_last_frame()
    {
        using var folder = new NotebookFolder();
        var notebook = NotebookFile.Create(NotebookFile.Code(
            $"{folder.ReferenceLine}\nusing Llm.Display;\n" +
            "var view = new TrainingView(totalSteps: 3);\nvar shown = LiveDisplay.Show(view);\n" +
            "for (var step = 1; step <= 3; step++) { view.Report(step, 1.0 / step); shown.Update(view); }\n" +
            "Console.WriteLine(\"trained\");"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.True(result.Succeeded, result.FailureMessage);
        var outputs = result.Notebook.Elements[0].Outputs;
        Assert.Equal(2, outputs.Count);
        Assert.StartsWith("step 3/3 (100%) · loss 0.3333", DataOf(outputs[0], "text/plain"));
        Assert.Contains("<svg", DataOf(outputs[0], "text/html"));
        Assert.Equal("trained\n", Stream(outputs[1]));
    }

    [Fact]
    public async Task A_later_cell_updates_the_display_where_an_earlier_cell_showed_it()
    {
        using var folder = new NotebookFolder();
        var notebook = NotebookFile.Create(
            NotebookFile.Code($"{folder.ReferenceLine}\nusing Llm.Display;\nvar shown = LiveDisplay.Show(\"starting…\");"),
            NotebookFile.Code("shown.Update(\"run 2 of 2\");\nConsole.WriteLine(\"done\");"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal("run 2 of 2", DataOf(Assert.Single(result.Notebook.Elements[0].Outputs), "text/plain"));
        Assert.Equal("done\n", Stream(Assert.Single(result.Notebook.Elements[1].Outputs)));
    }

    [Fact]
    public async Task The_kernel_s_own_display_handle_loses_its_updates_and_the_run_says_so()
    {
        using var folder = new NotebookFolder();
        var notebook = NotebookFile.Create(NotebookFile.Code("var shown = display(\"first\");\nshown.Update(\"second\");"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        // Measured in the kernel (1.0.712001): the update names another display id, so the first frame stays.
        Assert.Equal("first", DataOf(Assert.Single(result.Notebook.Elements[0].Outputs), "text/plain"));
        Assert.False(result.Succeeded);
        Assert.Contains("LiveDisplay.Show", Assert.Single(result.Problems));
    }

    [Fact]
    public async Task A_live_display_changed_after_its_last_update_is_a_problem()
    {
        using var folder = new NotebookFolder();
        var notebook = NotebookFile.Create(NotebookFile.Code(
            $"{folder.ReferenceLine}\nusing Llm.Display;\n" +
            "var view = new TrainingView(totalSteps: 2);\nvar shown = LiveDisplay.Show(view);\n" +
            "view.Report(1, 2.0);\nshown.Update(view);\nview.Report(2, 1.0);"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.Equal(CellStatus.Ran, result.Cells[0].Status);
        Assert.Contains("TrainingView shown or updated in this cell changed after its last update", Assert.Single(result.Problems));
        Assert.StartsWith("code cell 1 (cell 1 of 1): ", result.FailureMessage);
    }

    [Fact]
    public async Task A_compiler_warning_is_saved_on_stderr_and_fails_the_run()
    {
        using var folder = new NotebookFolder();
        var notebook = NotebookFile.Create(NotebookFile.Code("string? answer = null;\nConsole.WriteLine(answer ?? \"none\");"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        var outputs = result.Notebook.Elements[0].Outputs;
        Assert.Contains("warning CS8632", Stream(outputs.Single(o => o is TextElement { Name: "stderr" }), "stderr"));
        Assert.Contains("compiler warning", Assert.Single(result.Problems));
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_stray_null_value_is_a_problem()
    {
        using var folder = new NotebookFolder();
        var notebook = NotebookFile.Create(NotebookFile.Code(
            "for (var i = 0; i < 2; i++)\n{\n    int Next(int a)\n    {\n        return a + 1;\n    }\n\n    Console.WriteLine(Next(i));\n}"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        // Measured in the kernel: a block-bodied local function inside a loop makes the cell's value a null.
        Assert.Contains("&lt;null&gt;", DataOf(result.Notebook.Elements[0].Outputs[^1], "text/html"));
        Assert.Contains("shows <null>", Assert.Single(result.Problems));
    }

    [Fact]
    public async Task A_notebook_runs_in_its_folder_with_the_runner_s_variables_and_the_process_gets_them_back()
    {
        using var folder = new NotebookFolder();
        var before = Environment.CurrentDirectory;
        var quickBefore = Environment.GetEnvironmentVariable("LLM_QUICK");
        File.WriteAllText(folder.File("data.txt"), "from the notebook's folder");
        var notebook = NotebookFile.Create(NotebookFile.Code(
            "Console.WriteLine(Environment.CurrentDirectory);\n" +
            "Console.WriteLine(System.IO.File.ReadAllText(\"data.txt\"));\n" +
            "Console.WriteLine($\"{Environment.GetEnvironmentVariable(\"LLM_NOTEBOOK_RUNNER\")} {Environment.GetEnvironmentVariable(\"LLM_QUICK\")}\");"));

        var result = await NotebookFolder.Run(folder.Save(notebook), quick: true);

        var lines = Stream(Assert.Single(result.Notebook.Elements[0].Outputs)).Split('\n');
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
        var later = NotebookFile.Code("Console.WriteLine(\"never\");");
        later.ExecutionOrder = 9;
        later.Outputs.Add(new TextElement("from an earlier run\n", "stdout"));
        var notebook = NotebookFile.Create(
            NotebookFile.Text("intro"),
            NotebookFile.Code("var ok = 1;"),
            NotebookFile.Code("Console.WriteLine(\"before\");\nthrow new InvalidOperationException(\"oops\");"),
            later);

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.ExitCode);
        var failure = result.Failure!;
        Assert.Equal((2, 2), (failure.CodeCellNumber, failure.CellIndex));
        Assert.StartsWith("code cell 2 (cell 3 of 4) failed: System.InvalidOperationException: oops", result.FailureMessage);
        Assert.Equal("before\n", Stream(result.Notebook.Elements[2].Outputs[0]));
        var error = Assert.IsType<ErrorElement>(result.Notebook.Elements[2].Outputs[1]);
        Assert.Equal("Error", error.ErrorName);
        Assert.StartsWith("System.InvalidOperationException: oops", error.ErrorValue);
        Assert.Equal(CellStatus.NotRun, result.Cells[^1].Status);
        Assert.Equal(9, result.Notebook.Elements[3].ExecutionOrder);
        Assert.Equal("from an earlier run\n", Stream(Assert.Single(result.Notebook.Elements[3].Outputs)));
    }

    [Theory]
    [InlineData("Console.WriteLine(y);", "error CS0103: The name 'y' does not exist in the current context", null)]
    [InlineData("namespace Shapes { class Box {} }", "CS7021", "a cell cannot declare a namespace")]
    [InlineData("static class Ext { public static int Twice(this int x) => 2 * x; }", "CS1109", "put them in the library")]
    public async Task A_compile_error_fails_its_cell_with_the_compiler_s_message_and_a_hint(string code, string error, string? hint)
    {
        using var folder = new NotebookFolder();
        var notebook = NotebookFile.Create(NotebookFile.Code("var x = 1;"), NotebookFile.Code(code));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.StartsWith("code cell 2 (cell 2 of 2) failed: ", result.FailureMessage);
        Assert.Contains(error, result.FailureMessage);
        if (hint is not null)
        {
            Assert.Contains("\n  hint: ", result.FailureMessage);
            Assert.Contains(hint, result.FailureMessage);
        }

        Assert.IsType<ErrorElement>(Assert.Single(result.Notebook.Elements[1].Outputs));
    }

    [Fact]
    public async Task Other_kernels_cells_are_skipped_with_a_note_and_markdown_is_not_run()
    {
        using var folder = new NotebookFolder();
        var notebook = NotebookFile.Create(
            NotebookFile.Text("Console.WriteLine(\"markdown is not code\");"),
            NotebookFile.Code("Write-Host 'hi'", kernelName: "pwsh"),
            NotebookFile.Code("(1 + 1).ToString()"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal([CellStatus.Skipped, CellStatus.Ran], result.Cells.Select(c => c.Status));
        Assert.Contains("'pwsh'", result.Cells[0].Note);
        Assert.Equal(0, result.Notebook.Elements[1].ExecutionOrder);
        Assert.Equal(1, result.Notebook.Elements[2].ExecutionOrder);
        Assert.Equal("2", DataOf(Assert.Single(result.Notebook.Elements[2].Outputs), "text/plain"));
    }

    [Fact]
    public async Task Each_notebook_starts_from_a_fresh_kernel()
    {
        using var folder = new NotebookFolder();
        await NotebookFolder.Run(folder.Save(NotebookFile.Create(NotebookFile.Code("var counter = 1;")), "first.ipynb"));

        var second = await NotebookFolder.Run(folder.Save(NotebookFile.Create(NotebookFile.Code("counter")), "second.ipynb"));

        Assert.Contains("CS0103", second.FailureMessage);
    }

    [Fact]
    public async Task A_referenced_DLL_finds_its_dependencies_in_its_own_folder()
    {
        using var folder = new NotebookFolder();
        var libs = Directory.CreateDirectory(folder.File("libs")).FullName;
        TinyLibraries.Build(libs);
        var notebook = NotebookFile.Create(NotebookFile.Code("#r \"libs/Greeter.dll\"\nGreeter.Hello()"));

        var result = await NotebookFolder.Run(folder.Save(notebook));

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal("hello from Words", DataOf(Assert.Single(result.Notebook.Elements[0].Outputs), "text/plain"));
    }
}
