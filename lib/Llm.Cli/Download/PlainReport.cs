using System.Globalization;

namespace Llm.Cli.Download;

/// <summary>Progress as plain lines (CI logs, notebooks, redirected output): a line per file and one per tenth of a large file.</summary>
public sealed class PlainReport(TextWriter output) : IDownloadReport
{
    private const long Large = 10 << 20;
    private HubFile? current;
    private long done;
    private int tenths;

    public void Begin(HubFile file, long already)
    {
        (current, done, tenths) = (file, already, (int)(10 * already / Math.Max(1, file.Size)));
        if (already == file.Size)
        {
            return; // complete from an earlier run: End says so
        }

        output.WriteLine(already > 0 ? $"{file.Path}: resuming at {Format(already)} of {Format(file.Size)}" : $"{file.Path}: {Format(file.Size)}");
    }

    public void Advance(long bytes)
    {
        done += bytes;
        if (current is { Size: > Large } file && 10 * done / file.Size > tenths)
        {
            tenths = (int)(10 * done / file.Size);
            output.WriteLine($"{file.Path}: {tenths * 10} % ({Format(done)})");
        }
    }

    public void End(HubFile file, string note) => output.WriteLine($"{file.Path}: {note}");

    public void Note(string message) => output.WriteLine(message);

    public static string Format(long bytes) => bytes switch
    {
        >= 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):F1} MiB"),
        >= 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => $"{bytes} bytes",
    };
}
