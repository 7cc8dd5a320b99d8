namespace Llm.Tests.Cli;

/// <summary>
/// A fact that sends Ctrl+C (SIGINT) to a child process. A process that a non-interactive shell
/// started in the background ignores SIGINT, its children inherit that, and the runtime keeps an
/// ignored signal ignored (as shells expect): there the signal cannot arrive, the child runs to its
/// end, and the fact is skipped with that reason instead of failing on something it cannot test.
/// </summary>
public sealed class CtrlCFactAttribute : FactAttribute
{
    public CtrlCFactAttribute()
    {
        if (SigIntIgnored())
        {
            Skip = "SIGINT is ignored in this process (started in the background by a non-interactive shell?), and so in the child it starts: Ctrl+C cannot be delivered. Run `dotnet test` in the foreground.";
        }
    }

    // /proc/self/status lists the ignored signals as a hexadecimal mask; SIGINT is signal 2, bit 1.
    private static bool SigIntIgnored()
    {
        const string status = "/proc/self/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) : null;
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 2UL) != 0;
    }
}
