namespace Llm.Cli.Download;

/// <summary>
/// A failure worth another try: 429 Too Many Requests, a 5xx, a connection that dropped or stalled,
/// a host that did not answer in time. <see cref="RetryPolicy"/> tries again, and when it stops,
/// the message is <see cref="Problem"/> and <see cref="Advice"/> in one line.
/// </summary>
public sealed class HubRetryException(string problem, string advice, TimeSpan? retryAfter = null, Exception? inner = null)
    : IOException($"{problem}; {advice}.", inner)
{
    /// <summary>What happened, naming the host: "huggingface.co answered 503 Service Unavailable".</summary>
    public string Problem { get; } = problem;

    /// <summary>What the person can do when the tries run out: "run the same command again to resume it".</summary>
    public string Advice { get; } = advice;

    /// <summary>How long the server asked us to wait (its Retry-After header), if it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
