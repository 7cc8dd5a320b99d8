using System.Globalization;

namespace Llm.Cli.Download;

/// <summary>
/// How often and how long to try again after a <see cref="HubRetryException"/>: a bounded number of
/// tries, waiting what the server's Retry-After asks for, else 1, 2, 4, 8 … seconds (exponential
/// backoff, so that a busy server is not hammered); a server that asks for a longer wait than
/// <see cref="LongestWait"/> gets no more tries in this run, and the message says how long it asked for.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Tries in all, the first one included.</summary>
    public int Attempts { get; init; } = 5;

    /// <summary>The wait after the first failure when the server does not say; it doubles after each.</summary>
    public TimeSpan FirstWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait this run accepts.</summary>
    public TimeSpan LongestWait { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How a wait is spent (tests pass one that only records it).</summary>
    public Func<TimeSpan, CancellationToken, Task> Wait { get; init; } = Task.Delay;

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or the tries run out; <paramref name="note"/> hears of each retry.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> attempt, Action<string> note, CancellationToken cancel)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (HubRetryException e)
            {
                if (tries >= Attempts)
                {
                    throw new IOException($"{e.Problem}, {tries} times in a row; {e.Advice}.", e);
                }

                var wait = e.RetryAfter ?? FirstWait * Math.Pow(2, tries - 1);
                if (wait > LongestWait)
                {
                    throw new IOException($"{e.Problem}, and asks to wait {Format(wait)}; {e.Advice}.", e);
                }

                note($"{e.Problem}; trying again in {Format(wait)} (try {tries + 1} of {Attempts})");
                await Wait(wait, cancel);
            }
        }
    }

    public static string Format(TimeSpan wait) => wait.TotalSeconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{wait.TotalSeconds:0.#} s")
        : string.Create(CultureInfo.InvariantCulture, $"{wait.TotalMinutes:0.#} min");
}
