using System.Diagnostics;
using System.Globalization;
using System.Reflection;
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
    private const string Usage = """
        llm notebook — run or export the course's .ipynb notebooks (their C# cells, in the .NET Interactive C# kernel)

          llm notebook run <files…> [--write] [--quick]
              runs each notebook's C# cells in order, in a fresh state, in the notebook's folder; the
              first failing cell stops that notebook; the exit code is 1 if any cell failed or left a
              problem (a compiler warning, a live display whose last frame was not shown)
            --write        save the outputs into the notebook files instead of printing them
            --quick        set LLM_QUICK=1, so that notebooks train on small budgets

          llm notebook export <file> [--out path.cs]
              writes the notebook as a .NET 10 file-based app (default: next to it, extension .cs);
              run it with `dotnet run path.cs`
        """;

    public static int Run(string[] args) => args.FirstOrDefault() switch
    {
        "run" => RunNotebooks(args[1..]),
        "export" => Export(args[1..]),
        "--help" or "-h" or "help" => Help(),
        null => throw new UsageException("notebook needs 'run' or 'export'; run 'llm notebook --help' to see how."),
        var other => throw new UsageException($"unknown notebook command '{other}'; run 'llm notebook --help' to see the commands."),
    };

    private static int Help()
    {
        Console.WriteLine(Usage);
        return 0;
    }

    private static int RunNotebooks(string[] args)
    {
        var cli = new CommandLine("notebook run", args, new HashSet<string> { "help", "write", "quick" });
        if (cli.Has("help"))
        {
            return Help();
        }

        var write = cli.Has("write");
        var quick = cli.Has("quick");
        cli.RejectUnknown();
        var files = cli.Positional;
        if (files.Count == 0)
        {
            throw new UsageException("notebook run needs one or more .ipynb files.");
        }

        if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            throw new UsageException($"no notebook at '{missing}'.");
        }

        if (files.Count == 1)
        {
            return RunOne(files[0], write, quick);
        }

        // Each notebook in a process of its own: a fresh kernel, as VS Code gives every notebook,
        // so that nothing one notebook loads or sets (the library's static state) leaks into the next.
        var failed = files.Where(file => RunInChildProcess(file, write, quick) != 0).ToList();
        Console.WriteLine(failed.Count == 0
            ? $"all {files.Count} notebooks ran."
            : $"{failed.Count} of {files.Count} notebooks failed: {string.Join(", ", failed)}");
        return failed.Count == 0 ? 0 : 1;
    }

    private static int RunOne(string file, bool write, bool quick)
    {
        var runner = new NotebookRunner
        {
            Quick = quick,
            CellFinished = (cell, run) => Report(cell, run, write),
        };
        var result = runner.RunFileAsync(file).GetAwaiter().GetResult();
        if (write)
        {
            NotebookFile.Save(result.Notebook, file);
        }

        var ran = result.Cells.Count(c => c.Status == CellStatus.Ran);
        var time = Seconds(result.Elapsed);
        Console.WriteLine(result.Succeeded
            ? $"{file}: {ran} code cells ran in {time}{(write ? ", outputs saved" : string.Empty)}."
            : $"{file}: FAILED after {time}{(write ? " (outputs saved)" : string.Empty)}: {result.FailureMessage}");
        return result.ExitCode;
    }

    /// <summary>A cell's outputs as text (with --write, only its time: the outputs go into the file).</summary>
    private static void Report(InteractiveDocumentElement cell, CellRun run, bool write)
    {
        if (run.Status == CellStatus.NotRun)
        {
            return;
        }

        // A failure's message is among the outputs; with --write, which prints none, it goes on the cell's line.
        var count = cell.ExecutionOrder > 0 ? $"[{cell.ExecutionOrder}] " : string.Empty;
        var note = run.Status == CellStatus.Skipped || (write && run.Status == CellStatus.Failed) ? $" · {run.Note?.Split('\n')[0]}" : string.Empty;
        Console.WriteLine($"── {count}code cell {run.CodeCellNumber} · {Seconds(run.Elapsed)}{note}");
        if (!write && run.Status != CellStatus.Skipped)
        {
            var text = string.Concat(cell.Outputs.Select(TerminalView.Describe));
            Console.Write(text.Length == 0 || text.EndsWith('\n') ? text : text + "\n");
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

    private static int Export(string[] args)
    {
        var cli = new CommandLine("notebook export", args, new HashSet<string> { "help" });
        if (cli.Has("help"))
        {
            return Help();
        }

        var output = cli.String("out");
        cli.RejectUnknown();
        if (cli.Positional is not [var file])
        {
            throw new UsageException("notebook export needs exactly one .ipynb file.");
        }

        if (!File.Exists(file))
        {
            throw new UsageException($"no notebook at '{file}'.");
        }

        var written = NotebookExporter.ExportFile(file, output);
        Console.WriteLine($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, written)}; run it with: dotnet run {Path.GetRelativePath(Environment.CurrentDirectory, written)}");
        return 0;
    }

    private static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:F1} s");
}
