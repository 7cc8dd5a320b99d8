using System.Runtime.InteropServices;

namespace Llm.Cli;

/// <summary>
/// Ctrl+C during a long job: the first press (SIGINT, or SIGTERM from `kill`) asks the job to stop
/// at its next safe point — a training run finishes its step and saves — and says so; a second
/// Ctrl+C exits at once, as Ctrl+C usually does.
/// </summary>
public sealed class Interruption : IDisposable
{
    /// <summary>The exit code of a run stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource requested = new();
    private readonly PosixSignalRegistration[] registrations;
    private int presses;

    public Interruption(TextWriter error, string whatHappensNow)
    {
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];

        void Handle(PosixSignalContext context)
        {
            if (Interlocked.Increment(ref presses) > 1)
            {
                return; // not cancelled: the runtime ends the process now
            }

            context.Cancel = true;
            error.WriteLine();
            error.WriteLine($"Stopping: {whatHappensNow} (press Ctrl+C again to quit at once).");
            requested.Cancel();
        }
    }

    /// <summary>Cancelled by the first Ctrl+C.</summary>
    public CancellationToken Token => requested.Token;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        requested.Dispose();
    }
}
