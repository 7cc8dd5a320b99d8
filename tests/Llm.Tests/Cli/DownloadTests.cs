using System.Net;
using System.Net.Sockets;
using Llm.Cli.Download;
using Llm.Tests.Tokenizers;

namespace Llm.Tests.Cli;

/// <summary>
/// `llm download gpt2` against a fake Hub on 127.0.0.1 (never the internet): complete, interrupted
/// and resumed, corrupted, missing, offline. In every failure the output folder does not exist, so a
/// half-written folder can never be mistaken for a model. The ways the real Hub answers (redirects,
/// a second host, pagination, rate limits, a moving `main`, tokens) are in <see cref="HubBehaviourTests"/>.
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
        using var hub = new FakeHub(FakeHub.Gpt2Like());
        using var dir = new TempDirectory();
        var output = dir.File("gpt2");

        InterruptOnce(hub);
        var first = Download(hub, output);

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("run the same command again", first.Error);
        Assert.False(Directory.Exists(output));
        var part = new FileInfo(Path.Combine(HubDownloader.StagingFolder(output), "model.safetensors.part"));
        Assert.True(part.Exists && part.Length == 100_000, $"the partial file is kept ({(part.Exists ? part.Length : -1)} bytes)");

        hub.StorageFailures.Clear();
        var second = Download(hub, output);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains(("model.safetensors", $"bytes={part.Length}-"), hub.Downloads);
        Assert.Contains("resuming at", second.Output);
        Assert.Contains("config.json: verified in an earlier run", second.Output);
        AssertComplete(hub, output);
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

    /// <summary>
    /// Ends the next download in the middle of the weights, keeping 100,000 bytes: the transfer is
    /// cut, and the try after it is refused (a storage host that refuses a link is not retried in the
    /// same run), so that the run fails and the next one resumes. A client that does not retry
    /// leaves the refusal queued: clear <see cref="FakeHub.StorageFailures"/> before the next run.
    /// </summary>
    internal static void InterruptOnce(FakeHub hub)
    {
        hub.Cut = ("model.safetensors", 100_000, 1);
        hub.OnCut = () => hub.StorageFailures.Enqueue((403, null));
    }

    internal static Cli.Result Download(FakeHub hub, string output, params string[] more) =>
        Cli.Run(["download", hub.Repo.Split('/')[^1], "--out", output, "--endpoint", hub.Url, .. more]);

    /// <summary>Exit code 1, the message, and no output folder.</summary>
    internal static Cli.Result AssertFails(FakeHub hub, string message, params string[] more)
    {
        using var dir = new TempDirectory();
        var output = dir.File("gpt2");

        var result = Download(hub, output, more);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(output));
        return result;
    }

    /// <summary>Every file of the Hub's first commit, byte for byte, and nothing else but the download's record.</summary>
    internal static void AssertComplete(FakeHub hub, string output)
    {
        Assert.Equal(hub.Files.Keys.Order(), Directory.GetFiles(output).Select(Path.GetFileName).Where(f => f != "download.json").Order()!);
        foreach (var (name, content) in hub.Files)
        {
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(output, name)));
        }
    }
}
