using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Documents;

namespace Llm.Notebooks;

/// <summary>
/// Runs a notebook's C# cells in order in a fresh .NET Interactive C# kernel, as Polyglot
/// Notebooks' "Run All" does: each cell continues the previous one's state; what the kernel
/// reports for a cell becomes its outputs (<see cref="CellRecorder"/>); the first failing cell
/// stops the run. One notebook at a time per process: the console, the working directory, the
/// environment and the kernel's formatters are shared by the whole process.
/// </summary>
public sealed class NotebookRunner
{
    /// <summary>Sets LLM_QUICK=1 for the run, so that notebooks shrink their training budgets.</summary>
    public bool Quick { get; init; }

    /// <summary>Called after each code cell, with the cell and its outputs (to print progress).</summary>
    public Action<InteractiveDocumentElement, CellRun>? CellFinished { get; init; }

    public async Task<NotebookRunResult> RunFileAsync(string path)
    {
        var full = Path.GetFullPath(path);
        return await RunAsync(NotebookFile.Read(full), Path.GetDirectoryName(full)!);
    }

    /// <summary>Runs <paramref name="notebook"/> as if it were saved in <paramref name="directory"/>; its cells get new outputs.</summary>
    public async Task<NotebookRunResult> RunAsync(InteractiveDocument notebook, string directory)
    {
        var total = Stopwatch.StartNew();
        var runs = new List<CellRun>();
        using var environment = new RunEnvironment(directory, Quick);
        using var kernel = NotebookKernel.Create();
        var codeNumber = 0;
        var executionCount = 0;
        var displays = new Dictionary<string, CellRecorder.Shown>();
        for (var index = 0; index < notebook.Elements.Count; index++)
        {
            var cell = notebook.Elements[index];
            if (NotebookFile.IsMarkdown(cell))
            {
                continue;
            }

            codeNumber++;
            CellRun run;
            if (runs.Any(r => r.Status == CellStatus.Failed))
            {
                run = new CellRun(index, codeNumber, CellStatus.NotRun, TimeSpan.Zero, "not run: an earlier cell failed");
            }
            else if (!NotebookFile.IsCSharp(notebook, cell))
            {
                run = new CellRun(index, codeNumber, CellStatus.Skipped, TimeSpan.Zero, $"skipped: a '{NotebookFile.KernelNameOf(notebook, cell)}' cell, and the runner runs C# only");
            }
            else
            {
                cell.Outputs.Clear();
                cell.ExecutionOrder = ++executionCount;
                var clock = Stopwatch.StartNew();
                var recorder = new CellRecorder(cell.Outputs, displays);
                await RunCellAsync(kernel, cell.Contents, recorder);
                run = new CellRun(index, codeNumber, recorder.Failure is null ? CellStatus.Ran : CellStatus.Failed, clock.Elapsed, recorder.Failure)
                {
                    Problems = recorder.Problems,
                };
            }

            runs.Add(run);
            CellFinished?.Invoke(cell, run);
        }

        return new NotebookRunResult(notebook, runs, total.Elapsed);
    }

    /// <summary>
    /// Submits the cell and records every event that its command and the commands it splits into
    /// publish, in order. (The command's result lists only some of them on the first submission,
    /// where the kernel's deferred set-up runs first; the event stream has them all.)
    /// </summary>
    private static async Task RunCellAsync(CompositeKernel kernel, string code, CellRecorder recorder)
    {
        var submission = new SubmitCode(code, NotebookFile.CSharp);
        var events = new List<KernelEvent>();
        using (kernel.KernelEvents.Subscribe(e =>
               {
                   if (IsPartOf(e.Command, submission))
                   {
                       lock (events)
                       {
                           events.Add(e);
                       }
                   }
               }))
        {
            await kernel.SendAsync(submission);
        }

        foreach (var kernelEvent in events)
        {
            recorder.Record(kernelEvent);
        }

        recorder.Finish();
    }

    private static bool IsPartOf(KernelCommand? command, KernelCommand submission)
    {
        for (var c = command; c is not null; c = c.Parent)
        {
            if (ReferenceEquals(c, submission))
            {
                return true;
            }
        }

        return false;
    }
}
