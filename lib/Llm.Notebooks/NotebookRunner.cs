using System.Diagnostics;
using Llm.Notebooks.Kernel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace Llm.Notebooks;

/// <summary>
/// Runs a notebook's C# cells in order in a fresh Roslyn script session, as Polyglot Notebooks'
/// "Run All" does: each cell continues the previous one's state; console output, displayed values
/// and the last expression's value become the cell's outputs; the first failing cell stops the run.
/// One notebook at a time per process: the console, working directory and environment are shared.
/// </summary>
public sealed class NotebookRunner
{
    /// <summary>Sets LLM_QUICK=1 for the run, so that notebooks shrink their training budgets.</summary>
    public bool Quick { get; init; }

    /// <summary>Called after each code cell, with the cell and its outputs (to print progress).</summary>
    public Action<NotebookCell, CellRun>? CellFinished { get; init; }

    public async Task<NotebookRunResult> RunFileAsync(string path)
    {
        var full = Path.GetFullPath(path);
        return await RunAsync(NotebookReader.Read(full), Path.GetDirectoryName(full)!);
    }

    /// <summary>Runs <paramref name="notebook"/> as if it were saved in <paramref name="directory"/>; its cells get new outputs.</summary>
    public async Task<NotebookRunResult> RunAsync(Notebook notebook, string directory)
    {
        var total = Stopwatch.StartNew();
        var runs = new List<CellRun>();
        using var environment = new RunEnvironment(directory, Quick);
        using var loader = new InteractiveAssemblyLoader();
        var session = new Session(ScriptSetup.Options(directory), loader, new KernelGlobals());
        var codeNumber = 0;
        for (var index = 0; index < notebook.Cells.Count; index++)
        {
            var cell = notebook.Cells[index];
            if (cell.Kind != CellKind.Code)
            {
                continue;
            }

            codeNumber++;
            CellRun run;
            if (runs.Any(r => r.Status == CellStatus.Failed))
            {
                run = new CellRun(index, codeNumber, CellStatus.NotRun, TimeSpan.Zero, "not run: an earlier cell failed");
            }
            else if (!notebook.IsCSharp(cell))
            {
                run = new CellRun(index, codeNumber, CellStatus.Skipped, TimeSpan.Zero, $"skipped: a '{notebook.KernelNameOf(cell)}' cell, and the runner runs C# only");
            }
            else
            {
                cell.Outputs.Clear();
                cell.ExecutionCount = ++session.ExecutionCount;
                var clock = Stopwatch.StartNew();
                var error = await RunCellAsync(session, cell);
                run = new CellRun(index, codeNumber, error is null ? CellStatus.Ran : CellStatus.Failed, clock.Elapsed, error);
            }

            runs.Add(run);
            CellFinished?.Invoke(cell, run);
        }

        return new NotebookRunResult(notebook, runs, total.Elapsed);
    }

    /// <summary>Compiles and runs one cell; returns the error text when it fails.</summary>
    private static async Task<string?> RunCellAsync(Session session, NotebookCell cell)
    {
        var sink = new CellOutputSink(cell.Outputs);
        try
        {
            var code = CellCode.Prepare(cell.Source);
            KernelContext.Current = sink;
            using var capture = new ConsoleCapture(sink);
            var script = session.State is null
                ? CSharpScript.Create(code, session.Options, typeof(KernelGlobals), session.Loader)
                : session.State.Script.ContinueWith(code, session.Options);
            var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                return Fail(sink, string.Join("\n", errors.Select(Describe)));
            }

            var state = session.State is null
                ? await script.RunAsync(session.Globals, catchException: _ => true)
                : await script.RunFromAsync(session.State, catchException: _ => true);
            if (state.Exception is { } exception)
            {
                return Fail(sink, $"{exception.GetType().FullName}: {exception.Message}", Traceback(exception));
            }

            session.State = state;

            // A cell ending in an expression (no semicolon) shows its value, as the kernel does.
            if (CellValue.ResultType(script) is not null && state.ReturnValue is not DisplayedValue)
            {
                sink.Add(ValueFormatter.Format(state.ReturnValue));
            }

            return null;
        }
        catch (CellRejectedException e)
        {
            return Fail(sink, e.Message);
        }
        catch (Exception e)
        {
            // Formatting the cell's value failed (a formatter threw): the cell failed, not the runner.
            return Fail(sink, $"{e.GetType().FullName}: {e.Message}", Traceback(e));
        }
        finally
        {
            KernelContext.Current = null;
            sink.Flush();
        }
    }

    /// <summary>Adds the error output the kernel saves: ename "Error", the message, and the lines of the trace.</summary>
    private static string Fail(CellOutputSink sink, string message, IReadOnlyList<string>? traceback = null)
    {
        sink.Add(new ErrorOutput("Error", message, traceback ?? message.Split('\n')));
        return message;
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var text = diagnostic.ToString();
        return CellCode.HintFor(diagnostic.Id) is { } hint ? $"{text}\n  hint: {hint}" : text;
    }

    /// <summary>The exception's trace down to the cell's code, without the scripting engine's frames below it.</summary>
    private static IReadOnlyList<string> Traceback(Exception exception) =>
        exception.ToString().Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .TakeWhile(line => !line.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal))
            .ToList();

    /// <summary>One notebook's script state: options, loader, globals, the state after the last cell and the execution counter.</summary>
    private sealed class Session(ScriptOptions options, InteractiveAssemblyLoader loader, KernelGlobals globals)
    {
        public ScriptOptions Options { get; } = options;

        public InteractiveAssemblyLoader Loader { get; } = loader;

        public KernelGlobals Globals { get; } = globals;

        public ScriptState<object>? State { get; set; }

        public int ExecutionCount { get; set; }
    }
}
