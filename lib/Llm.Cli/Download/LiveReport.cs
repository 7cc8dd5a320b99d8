using Spectre.Console;

namespace Llm.Cli.Download;

/// <summary>Progress as Spectre.Console bars on a terminal: one per file, with size, speed and time left.</summary>
public sealed class LiveReport(ProgressContext context) : IDownloadReport
{
    private ProgressTask? task;

    /// <summary>Runs <paramref name="work"/> with live bars drawn on the terminal until it ends.</summary>
    public static Task Show(Func<IDownloadReport, Task> work) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(context => work(new LiveReport(context)));

    public void Begin(HubFile file, long already)
    {
        task = context.AddTask(Markup.Escape(file.Path), maxValue: file.Size);
        task.Increment(already);
    }

    public void Advance(long bytes) => task?.Increment(bytes);

    /// <summary>A line above the bars (Spectre.Console prints it there while they are drawn).</summary>
    public void Note(string message) => AnsiConsole.MarkupLine(Markup.Escape(message));

    public void End(HubFile file, string note)
    {
        if (task is not null)
        {
            task.Description = Markup.Escape($"{file.Path} ✓");
            task.StopTask();
        }
    }
}
