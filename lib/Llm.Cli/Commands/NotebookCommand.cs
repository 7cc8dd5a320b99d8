using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Llm.Cli.Parsing;
using Llm.Notebooks;
using Llm.Notebooks.Export;
using Microsoft.DotNet.Interactive.Documents;

namespace Llm.Cli.Commands;

/// <summary>
/// `llm notebook`: run the course's notebooks headless in the .NET Interactive C# kernel (in
/// process, see lib/Llm.Notebooks), save their outputs, or export them as file-based apps.
/// </summary>
public static class NotebookCommand
{
    public static Command Create() => new("notebook", "Run or export the course's .ipynb notebooks (their C# cells, in the .NET Interactive C# kernel)")
    {
        RunCommand(), ExportCommand(),
    };

    private static Command RunCommand()
    {
        var files = new Argument<string[]>("files") { Description = "The .ipynb files", Arity = ArgumentArity.OneOrMore };
        TypoSuggestions.RejectOptionLikeValues(files);
        var write = CliOption.Flag("--write", "Save the outputs into the notebook files instead of printing them");
        var quick = CliOption.Flag("--quick", "Set LLM_QUICK=1, so that notebooks train on small budgets");
        var command = new Command("run", "Run each notebook's C# cells in order, in a fresh state, in the notebook's folder; the first failing cell stops that notebook; the exit code is 1 if any cell failed or left a problem (a compiler warning, a stray <null>, a live display whose last frame was not shown)")
        {
            files, write, quick,
        };
        command.SetAction(parse => RunNotebooks(parse.GetValue(files)!, parse.GetValue(write), parse.GetValue(quick), parse.InvocationConfiguration.Output));
        return command;
    }

    private static Command ExportCommand()
    {
        var file = new Argument<string>("file") { Description = "The .ipynb file" };
        TypoSuggestions.RejectOptionLikeValues(file);
        var output = new Option<string?>("--out") { Description = "Where the .cs file goes [default: next to the notebook, extension .cs]", HelpName = "path.cs" };
        var command = new Command("export", "Write a notebook as a .NET 10 file-based app; run it with `dotnet run path.cs`") { file, output };
        command.SetAction(parse => Export(parse.GetValue(file)!, parse.GetValue(output), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int RunNotebooks(string[] files, bool write, bool quick, TextWriter output)
    {
        if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            throw new UsageException($"no notebook at '{missing}'.");
        }

        if (files.Length == 1)
        {
            return RunOne(files[0], write, quick, output);
        }

        // Each notebook in a process of its own: a fresh kernel, as VS Code gives every notebook,
        // so that nothing one notebook loads or sets (the library's static state) leaks into the next.
        var failed = files.Where(file => RunInChildProcess(file, write, quick) != 0).ToList();
        output.WriteLine(failed.Count == 0
            ? $"all {files.Length} notebooks ran."
            : $"{failed.Count} of {files.Length} notebooks failed: {string.Join(", ", failed)}");
        return failed.Count == 0 ? 0 : 1;
    }

    private static int RunOne(string file, bool write, bool quick, TextWriter output)
    {
        var runner = new NotebookRunner
        {
            Quick = quick,
            CellFinished = (cell, run) => Report(cell, run, write, output),
        };
        var result = runner.RunFileAsync(file).GetAwaiter().GetResult();
        if (write)
        {
            NotebookFile.Save(result.Notebook, file);
        }

        var ran = result.Cells.Count(c => c.Status == CellStatus.Ran);
        var time = Seconds(result.Elapsed);
        output.WriteLine(result.Succeeded
            ? $"{file}: {ran} code cells ran in {time}{(write ? ", outputs saved" : string.Empty)}."
            : $"{file}: FAILED after {time}{(write ? " (outputs saved)" : string.Empty)}: {result.FailureMessage}");
        return result.ExitCode;
    }

    /// <summary>A cell's outputs as text (with --write, only its time: the outputs go into the file).</summary>
    private static void Report(InteractiveDocumentElement cell, CellRun run, bool write, TextWriter output)
    {
        if (run.Status == CellStatus.NotRun)
        {
            return;
        }

        // A failure's message is among the outputs; with --write, which prints none, it goes on the cell's line.
        var count = cell.ExecutionOrder > 0 ? $"[{cell.ExecutionOrder}] " : string.Empty;
        var note = run.Status == CellStatus.Skipped || (write && run.Status == CellStatus.Failed) ? $" · {run.Note?.Split('\n')[0]}" : string.Empty;
        output.WriteLine($"── {count}code cell {run.CodeCellNumber} · {Seconds(run.Elapsed)}{note}");
        if (!write && run.Status != CellStatus.Skipped)
        {
            var text = string.Concat(cell.Outputs.Select(TerminalView.Describe));
            output.Write(text.Length == 0 || text.EndsWith('\n') ? text : text + "\n");
        }
    }

    private static int RunInChildProcess(string file, bool write, bool quick)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the running program to start it again.");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var arg in new[] { "notebook", "run", file }.Concat(write ? ["--write"] : []).Concat(quick ? ["--quick"] : []))
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start a process for {file}.");
        child.WaitForExit();
        return child.ExitCode;
    }

    private static int Export(string file, string? output, TextWriter console)
    {
        if (!File.Exists(file))
        {
            throw new UsageException($"no notebook at '{file}'.");
        }

        var written = NotebookExporter.ExportFile(file, output);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, written);
        console.WriteLine($"wrote {relative}; run it with: dotnet run {relative}");
        return 0;
    }

    private static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:F1} s");
}
