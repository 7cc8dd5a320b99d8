using System.Diagnostics;
using System.Text.Json.Nodes;
using Llm.Tests.Tokenizers;
using static Llm.Tests.Cli.DownloadTests;

namespace Llm.Tests.Cli;

/// <summary>
/// `llm download` against the ways the real Hub answers (see <see cref="FakeHub"/>): redirects within
/// the Hub and to a second host, signed URLs that expire, a paginated listing, rate limits and server
/// errors, dropped connections, a `main` that moves, gated repositories and tokens.
/// </summary>
public class HubBehaviourTests
{
    [Fact]
    public void SmallFilesComeThroughTheRelativeRedirectToTheResolveCache()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        using var dir = new TempDirectory();

        Assert.Equal(0, Download(hub, dir.File("gpt2")).ExitCode);

        AssertComplete(hub, dir.File("gpt2"));
        var config = Assert.Single(hub.Requests, r => r.File == "config.json");
        Assert.Equal(("hub", $"/api/resolve-cache/models/{hub.Repo}/{hub.FirstCommit}/config.json"), (config.Host, config.Path));
    }

    [Fact]
    public void TheWeightsComeFromTheStorageHostAndResumeThereWithRange()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        using var dir = new TempDirectory();
        InterruptOnce(hub);
        Assert.Equal(1, Download(hub, dir.File("gpt2")).ExitCode);
        hub.StorageFailures.Clear();

        Assert.Equal(0, Download(hub, dir.File("gpt2")).ExitCode);

        AssertComplete(hub, dir.File("gpt2"));
        var last = hub.Requests.Last(r => r.File == "model.safetensors");
        Assert.Equal(("storage", "bytes=100000-"), (last.Host, last.Range));
        Assert.Contains("Signature=", last.Path);
    }

    [Fact]
    public void TheListedSizeOfTheWeightsIsTheirRealSize()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        using var dir = new TempDirectory();

        var result = Download(hub, dir.File("gpt2"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Downloading {hub.Repo} (293.0 KiB)", result.Output);
        Assert.Contains("model.safetensors: 293.0 KiB", result.Output);
    }

    [Fact]
    public void APaginatedListingIsFollowedToItsLastPage()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like()) { PageSize = 2 };
        using var dir = new TempDirectory();

        var result = Download(hub, dir.File("gpt2"));

        Assert.True(result.ExitCode == 0, result.Error);
        AssertComplete(hub, dir.File("gpt2"));
        Assert.Equal(3, hub.Requests.Count(r => r.Path.Contains("/tree/", StringComparison.Ordinal)));
    }

    [Fact]
    public void A429IsRetriedAfterTheWaitItsRetryAfterAsksFor()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        hub.HubFailures.Enqueue((429, "1"));
        using var dir = new TempDirectory();
        var clock = Stopwatch.StartNew();

        var result = Download(hub, dir.File("gpt2"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"waited only {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Contains("429 Too Many Requests", result.Output);
        AssertComplete(hub, dir.File("gpt2"));
    }

    [Fact]
    public void ServerErrorsOfEitherHostAreRetried()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        hub.HubFailures.Enqueue((502, "0"));
        hub.StorageFailures.Enqueue((503, "0"));
        hub.StorageFailures.Enqueue((500, "0"));
        using var dir = new TempDirectory();

        var result = Download(hub, dir.File("gpt2"));

        Assert.True(result.ExitCode == 0, result.Error);
        AssertComplete(hub, dir.File("gpt2"));
    }

    [Fact]
    public void ADroppedConnectionIsRetriedAndTheTransferResumed()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like()) { Cut = ("model.safetensors", 100_000, 1) };
        hub.HubFailures.Enqueue((0, null));
        using var dir = new TempDirectory();

        var result = Download(hub, dir.File("gpt2"));

        Assert.True(result.ExitCode == 0, result.Error);
        AssertComplete(hub, dir.File("gpt2"));
        Assert.Contains(("model.safetensors", "bytes=100000-"), hub.Downloads);
    }

    [Fact]
    public void RetriesAreBoundedAndThenOneLineSaysWhatToDo()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        for (var i = 0; i < 20; i++)
        {
            hub.HubFailures.Enqueue((429, "0"));
        }

        var result = AssertFails(hub, "answered 429 Too Many Requests, 5 times in a row");

        Assert.Contains(new Uri(hub.Url).Authority, result.Error);
        Assert.Contains("run the same command again", result.Error);
        Assert.Contains("--token", result.Error);
        Assert.Equal(5, hub.Requests.Count);
    }

    [Fact]
    public void AStorageHostThatRefusesTheSignedUrlIsNamedNotTheHub()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like()) { SignedUrlLifetime = TimeSpan.FromMinutes(-1) };

        var result = AssertFails(hub, $"{new Uri(hub.StorageUrl).Authority} answered 403 Forbidden (Request has expired)");

        Assert.Contains($"where {new Uri(hub.Url).Authority} sent model.safetensors", result.Error);
        Assert.DoesNotContain("/resolve/", result.Error);
    }

    [Fact]
    public void ASignedUrlThatExpiredDuringTheTransferIsAskedForAgain()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like()) { Cut = ("model.safetensors", 100_000, 1) };
        hub.OnCut = () => hub.AdvanceClock(TimeSpan.FromHours(2));
        using var dir = new TempDirectory();

        var result = Download(hub, dir.File("gpt2"));

        Assert.True(result.ExitCode == 0, result.Error);
        AssertComplete(hub, dir.File("gpt2"));
        Assert.Equal(2, hub.Requests.Count(r => r.Host == "hub" && r.Path.EndsWith("/model.safetensors", StringComparison.Ordinal)));
    }

    [Fact]
    public void AMainThatMovesDuringTheDownloadDoesNotMixCommitsAndTheCommitIsRecorded()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like()) { NextMain = FakeHub.Gpt2Like(seed: 4) };
        using var dir = new TempDirectory();

        var result = Download(hub, dir.File("gpt2"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.NotEqual(hub.FirstCommit, hub.Main);
        AssertComplete(hub, dir.File("gpt2"));
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("gpt2"), "download.json")))!;
        Assert.Equal(hub.Repo, (string?)record["repo"]);
        Assert.Equal("main", (string?)record["revision"]);
        Assert.Equal(hub.FirstCommit, (string?)record["commit"]);
        Assert.Contains(hub.FirstCommit[..12], result.Output);
    }

    [Fact]
    public void AResumedDownloadKeepsTheCommitItStartedWith()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        using var dir = new TempDirectory();
        InterruptOnce(hub);
        Assert.Equal(1, Download(hub, dir.File("gpt2")).ExitCode);
        hub.StorageFailures.Clear();
        hub.NextMain = FakeHub.Gpt2Like(seed: 4);

        var second = Download(hub, dir.File("gpt2"));

        Assert.True(second.ExitCode == 0, second.Error);
        AssertComplete(hub, dir.File("gpt2"));
    }

    [Fact]
    public void ATokenGoesToTheHubAndNeverToAnotherHost()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like()) { RequiredToken = "hf_fake" };
        using var dir = new TempDirectory();

        var result = Download(hub, dir.File("gpt2"), "--token", "hf_fake");

        Assert.True(result.ExitCode == 0, result.Error);
        AssertComplete(hub, dir.File("gpt2"));
        Assert.All(hub.Requests.Where(r => r.Host == "hub"), r => Assert.Equal("Bearer hf_fake", r.Authorization));
        Assert.Contains(hub.Requests, r => r.Host == "storage");
        Assert.All(hub.Requests.Where(r => r.Host == "storage"), r => Assert.Null(r.Authorization));
        Assert.DoesNotContain("hf_fake", result.Output + result.Error);
    }

    [Fact]
    public void HF_TOKEN_IsTheTokenWhenThereIsNoOption()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like()) { RequiredToken = "hf_from_environment" };
        using var dir = new TempDirectory();
        Environment.SetEnvironmentVariable("HF_TOKEN", "hf_from_environment");
        try
        {
            var result = Download(hub, dir.File("gpt2"));

            Assert.True(result.ExitCode == 0, result.Error);
            AssertComplete(hub, dir.File("gpt2"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("HF_TOKEN", null);
        }
    }

    [Fact]
    public void AGatedRepositoryWithoutATokenSaysHowToPassOne()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like()) { RequiredToken = "hf_fake" };

        var result = AssertFails(hub, "answered 401 Unauthorized");

        Assert.Contains("--token", result.Error);
        Assert.Contains("HF_TOKEN", result.Error);
    }

    [Fact]
    public void GptTwoMediumDownloadsAndLoads()
    {
        using var source = new TempDirectory();
        Cli.SaveModelOnly(source.Path);
        var files = Directory.GetFiles(source.Path).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        files["vocab.json"] = "{\"a\": 0}\n"u8.ToArray();
        files["merges.txt"] = "#version: 0.2\n"u8.ToArray();
        using var hub = new FakeHub(files, "openai-community/gpt2-medium");
        using var dir = new TempDirectory();

        var result = Download(hub, dir.File("gpt2-medium"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains(hub.Requests, r => r.Path.Contains("openai-community/gpt2-medium", StringComparison.Ordinal));
        var score = Cli.Run("score", "--model", dir.File("gpt2-medium"), "--tokens", "1,2,3");
        Assert.True(score.ExitCode == 0, score.Error);
    }
}
