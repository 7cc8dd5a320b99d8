using Llm.Cli.Download;
using Llm.Tests.Tokenizers;

namespace Llm.Tests.Cli;

/// <summary>
/// How long `llm download` waits before trying again, and when it stops: the waits are recorded
/// instead of spent, so the test sees exactly what the client would wait against the fake Hub.
/// </summary>
public class RetryPolicyTests
{
    [Fact]
    public async Task A_Retry_After_in_seconds_is_waited_exactly()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        hub.HubFailures.Enqueue((429, "7"));

        var waits = await Download(hub);

        Assert.Equal([TimeSpan.FromSeconds(7)], waits);
    }

    [Fact]
    public async Task A_Retry_After_as_a_date_is_waited_until_then()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        hub.StorageFailures.Enqueue((503, DateTimeOffset.UtcNow.AddSeconds(30).ToString("R")));

        var wait = Assert.Single(await Download(hub));

        Assert.InRange(wait, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Without_Retry_After_the_wait_doubles()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        foreach (var status in new[] { 503, 500, 502 })
        {
            hub.HubFailures.Enqueue((status, null));
        }

        var waits = await Download(hub);

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits);
    }

    [Fact]
    public async Task A_server_that_asks_for_a_longer_wait_than_a_run_accepts_gets_no_more_tries()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        hub.HubFailures.Enqueue((429, "600"));

        var e = await Assert.ThrowsAsync<IOException>(() => Download(hub));

        Assert.Equal($"{new Uri(hub.Url).Authority} answered 429 Too Many Requests, and asks to wait 10 min; wait a few minutes and run the same command again (it resumes); a token (--token or HF_TOKEN) raises the Hub's limit.", e.Message);
        Assert.Single(hub.Requests);
    }

    [Fact]
    public async Task A_stalled_transfer_counts_as_interrupted_and_is_retried_from_where_it_stalled()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like()) { StallAt = ("model.safetensors", 50_000) };

        var e = await Assert.ThrowsAsync<IOException>(() => Download(hub, attempts: 2, stall: TimeSpan.FromSeconds(1)));

        Assert.StartsWith("the download of model.safetensors stopped after 97.7 KiB of 293.0 KiB", e.Message);
        Assert.EndsWith($"(no data from {new Uri(hub.StorageUrl).Authority} for 1 s), 2 times in a row; run the same command again to resume it.", e.Message);
        Assert.Equal(["", "bytes=50000-"], hub.Downloads.Where(d => d.File == "model.safetensors").Select(d => d.Range));
    }

    /// <summary>Downloads the fake's files with waits recorded instead of spent; returns the waits.</summary>
    private static async Task<List<TimeSpan>> Download(FakeHub hub, int attempts = 5, TimeSpan? stall = null)
    {
        var waits = new List<TimeSpan>();
        var retry = new RetryPolicy { Attempts = attempts, Wait = (wait, _) => { waits.Add(wait); return Task.CompletedTask; } };
        using var client = new HubClient(new Uri(hub.Url)) { Retry = retry };
        var downloader = new HubDownloader(client, hub.Repo) { StallTimeout = stall ?? TimeSpan.FromSeconds(60) };
        using var dir = new TempDirectory();
        var snapshot = await downloader.PrepareAsync([.. hub.Files.Keys], dir.File("model"), _ => { }, CancellationToken.None);
        await downloader.DownloadAsync(snapshot, dir.File("model"), new PlainReport(TextWriter.Null), CancellationToken.None);
        DownloadTests.AssertComplete(hub, dir.File("model"));
        return waits;
    }
}
