using System.Net;
using System.Net.Sockets;
using Llm.Cli.Download;
using Llm.Tests.Tokenizers;

namespace Llm.Tests.Cli;

/// <summary>
/// `llm download gpt2` against a fake Hub on 127.0.0.1 (never the internet): complete, interrupted
/// and resumed, corrupted, missing, offline. In every failure the output folder does not exist, so a
/// half-written folder can never be mistaken for a model.
/// </summary>
public class DownloadTests
{
    [Fact]
    public void DownloadsEveryFileVerifiedIntoTheFolder()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        using var dir = new TempDirectory();
        var output = dir.File("gpt2");

        var result = Download(hub, output);

        Assert.Equal(0, result.ExitCode);
        AssertComplete(hub, output);
        Assert.False(Directory.Exists(HubDownloader.StagingFolder(output)));
        Assert.Contains("model.safetensors: sha256 verified", result.Output);
        Assert.Contains("config.json: git blob sha1 verified", result.Output);
        Assert.Contains($"llm generate --model {output}", result.Output);
    }

    [Fact]
    public void AnInterruptedDownloadResumesWhereItStopped()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like()) { CutOnce = ("model.safetensors", 100_000) };
        using var dir = new TempDirectory();
        var output = dir.File("gpt2");

        var first = Download(hub, output);

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("the download of model.safetensors stopped after", first.Error);
        Assert.Contains("run the same command again to resume it", first.Error);
        Assert.False(Directory.Exists(output));
        var part = new FileInfo(Path.Combine(HubDownloader.StagingFolder(output), "model.safetensors.part"));
        Assert.True(part.Exists && part.Length is > 0 and < 300_000, $"a partial file is kept ({(part.Exists ? part.Length : -1)} bytes)");

        var second = Download(hub, output);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains(("model.safetensors", $"bytes={part.Length}-"), hub.Requests);
        Assert.Contains("resuming at", second.Output);
        Assert.Contains("config.json: verified in an earlier run", second.Output);
        AssertComplete(hub, output);
    }

    [Fact]
    public async Task AStalledTransferCountsAsInterrupted()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like()) { StallAt = ("model.safetensors", 50_000) };
        using var dir = new TempDirectory();
        using var http = new HttpClient();
        var downloader = new HubDownloader(http, new Uri(hub.Url), FakeHub.Repo) { StallTimeout = TimeSpan.FromSeconds(1) };
        var files = await downloader.ListAsync(["model.safetensors"], CancellationToken.None);

        var e = await Assert.ThrowsAsync<IOException>(() => downloader.DownloadAsync(files, dir.File("gpt2"), new PlainReport(TextWriter.Null), CancellationToken.None));

        Assert.Contains("stopped after 48.8 KiB of 293.0 KiB (no data for 1 s)", e.Message);
        Assert.False(Directory.Exists(dir.File("gpt2")));
    }

    [Fact]
    public void ACorruptedFileIsDeletedAndReported()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        var bad = (byte[])hub.Files["model.safetensors"].Clone();
        bad[12_345] ^= 1;
        hub.Tampered["model.safetensors"] = bad;
        using var dir = new TempDirectory();
        var output = dir.File("gpt2");

        var result = Download(hub, output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("model.safetensors is corrupt: its sha256 is", result.Error);
        Assert.Contains("The bad copy was deleted", result.Error);
        Assert.False(Directory.Exists(output));
        Assert.False(File.Exists(Path.Combine(HubDownloader.StagingFolder(output), "model.safetensors.part")));

        hub.Tampered.Clear();
        Assert.Equal(0, Download(hub, output).ExitCode);
        AssertComplete(hub, output);
    }

    [Fact]
    public void ACorruptedSmallFileFailsItsGitBlobHash()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        hub.Tampered["vocab.json"] = "{\"b\": 0}\n"u8.ToArray();

        AssertFails(hub, "vocab.json is corrupt: its git blob sha1 is");
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        hub.Missing.Add("merges.txt");

        AssertFails(hub, "answered 404 Not Found: the Hub has no merges.txt in openai-community/gpt2");
    }

    [Fact]
    public void AFileAbsentFromTheListingIsNamed()
    {
        var files = FakeHub.Gpt2Like();
        files.Remove("vocab.json");
        using var hub = new FakeHub(files);

        AssertFails(hub, "has no file 'vocab.json'");
    }

    [Fact]
    public void OfflineIsOneLineSayingWhatCouldNotBeReached()
    {
        int port;
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            port = ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        using var dir = new TempDirectory();
        var result = Cli.Run("download", "gpt2", "--out", dir.File("gpt2"), "--endpoint", $"http://127.0.0.1:{port}");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains($"could not reach http://127.0.0.1:{port}", result.Error);
        Assert.Contains("needs the internet", result.Error);
    }

    [Fact]
    public void AnExistingCompleteFolderIsLeftAlone()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        using var dir = new TempDirectory();
        var output = dir.File("gpt2");
        Assert.Equal(0, Download(hub, output).ExitCode);
        var requests = hub.Requests.Count;

        var again = Download(hub, output);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already in", again.Output);
        Assert.Equal(requests, hub.Requests.Count);
    }

    [Fact]
    public void AnExistingIncompleteFolderIsRefused()
    {
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        using var dir = new TempDirectory();
        var output = dir.File("gpt2");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "config.json"), "{}");

        var result = Download(hub, output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists but lacks model.safetensors, vocab.json, merges.txt", result.Error);
    }

    [Theory]
    [InlineData(false, "ce013625030ba8dba906f756967f9e9ca394464a")] // printf 'hello\n' | git hash-object --stdin
    [InlineData(true, "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")] // printf 'hello\n' | sha256sum
    public void HashesAreComputedAsGitAndTheHubDo(bool lfs, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("hello"), "hello\n");

        Assert.Equal(expected, new HubFile("hello", 6, expected, lfs).HashOf(dir.File("hello")));
    }

    private static Cli.Result Download(FakeHub hub, string output) =>
        Cli.Run("download", "gpt2", "--out", output, "--endpoint", hub.Url);

    /// <summary>Exit code 1, the message, and no output folder.</summary>
    private static void AssertFails(FakeHub hub, string message)
    {
        using var dir = new TempDirectory();
        var output = dir.File("gpt2");

        var result = Download(hub, output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.False(Directory.Exists(output));
    }

    private static void AssertComplete(FakeHub hub, string output)
    {
        Assert.Equal(hub.Files.Keys.Order(), Directory.GetFiles(output).Select(Path.GetFileName).Order()!);
        foreach (var (name, content) in hub.Files)
        {
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(output, name)));
        }
    }
}
