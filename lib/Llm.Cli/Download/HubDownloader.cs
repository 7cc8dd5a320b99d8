using System.Net;

namespace Llm.Cli.Download;

/// <summary>
/// Fetches files of a Hugging Face repository into a folder, the way a model should arrive: all
/// from one commit (the one the revision names when the download begins, recorded in
/// <see cref="DownloadRecord"/>), each written to "NAME.part" in a staging folder ("OUT.download"),
/// resumed with an HTTP Range request after an interruption (in the same run, by
/// <see cref="RetryPolicy"/>, or in the next), checked against the hash the Hub publishes; only when
/// every file is verified does the staging folder take the final name, in one rename. So OUT either
/// holds the whole verified model or does not exist.
/// </summary>
public sealed class HubDownloader(HubClient client, string repo, string revision = "main")
{
    private readonly HubRepository repository = new(client, repo);

    /// <summary>How long a transfer may go without a byte before it counts as interrupted.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the files wait until all are verified; kept after a failure so that the next run resumes.</summary>
    public static string StagingFolder(string outDir) => Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar) + ".download";

    /// <summary>
    /// Pins the commit (the one an interrupted download into the same folder began with, else the
    /// one the revision names now), lists the wanted files there, and records it in the staging folder.
    /// </summary>
    public async Task<HubSnapshot> PrepareAsync(IReadOnlyList<string> wanted, string outDir, Action<string> note, CancellationToken cancel)
    {
        var staging = StagingFolder(outDir);
        var commit = DownloadRecord.CommitIn(staging, repo, revision);
        if (commit is not null)
        {
            note($"resuming the download of {repo} at commit {commit[..Math.Min(12, commit.Length)]}, as it began");
        }

        commit ??= await repository.CommitOfAsync(revision, note, cancel);
        var snapshot = new HubSnapshot(repo, revision, commit, await repository.ListAsync(commit, wanted, note, cancel));
        Directory.CreateDirectory(staging);
        DownloadRecord.Write(staging, snapshot, client.Endpoint);
        return snapshot;
    }

    /// <summary>Downloads and verifies every file, then moves the staging folder to <paramref name="outDir"/>.</summary>
    public async Task DownloadAsync(HubSnapshot snapshot, string outDir, IDownloadReport report, CancellationToken cancel)
    {
        var final = Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar);
        var staging = StagingFolder(final);
        Directory.CreateDirectory(staging);
        foreach (var file in snapshot.Files)
        {
            var target = Path.Combine(staging, file.Path);
            if (File.Exists(target) && new FileInfo(target).Length == file.Size)
            {
                report.Begin(file, file.Size);
                report.End(file, "verified in an earlier run");
                continue;
            }

            var part = target + ".part";
            report.Begin(file, File.Exists(part) && new FileInfo(part).Length <= file.Size ? new FileInfo(part).Length : 0);
            await client.Retry.RunAsync(() => FetchAsync(snapshot.Commit, file, part, report, cancel), report.Note, cancel);
            Verify(file, part);
            File.Move(part, target, overwrite: true);
            report.End(file, $"{file.HashName} verified");
        }

        Directory.Move(staging, final);
    }

    /// <summary>One try at the rest of a file: from where the part file ends, through the Hub's redirects, to the end.</summary>
    private async Task<bool> FetchAsync(string commit, HubFile file, string part, IDownloadReport report, CancellationToken cancel)
    {
        var have = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (have > file.Size)
        {
            have = 0;
        }

        if (have == file.Size)
        {
            return true;
        }

        var path = string.Join('/', file.Path.Split('/').Select(Uri.EscapeDataString));
        var url = new Uri(client.Endpoint, $"{repo}/resolve/{commit}/{path}");
        using var answer = await client.GetAsync(url, have, file.Path, cancel);
        if (!answer.Response.IsSuccessStatusCode)
        {
            throw await answer.FailureAsync(answer.Response.StatusCode == HttpStatusCode.NotFound ? $"the Hub has no {file.Path} in {repo} at commit {commit}" : null, cancel);
        }

        // 206 continues the part file; a server that ignores Range answers 200 with the whole file.
        var resumed = answer.Response.StatusCode == HttpStatusCode.PartialContent;
        await using var destination = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write);
        var written = resumed ? have : 0;

        // HttpClient.Timeout ends with the headers; a connection that stalls later is caught here.
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        try
        {
            await using var source = await answer.Response.Content.ReadAsStreamAsync(cancel);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await source.ReadAsync(buffer, Armed(stalled))) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancel);
                written += read;
                report.Advance(read);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw Interrupted(file, written, $"{answer.Url.Authority}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw Interrupted(file, written, $"no data from {answer.Url.Authority} for {StallTimeout.TotalSeconds:F0} s");
        }

        return written == file.Size ? true : throw Interrupted(file, written, $"{answer.Url.Authority} ended the connection early");
    }

    private CancellationToken Armed(CancellationTokenSource stalled)
    {
        stalled.CancelAfter(StallTimeout);
        return stalled.Token;
    }

    private static HubRetryException Interrupted(HubFile file, long written, string why) =>
        new($"the download of {file.Path} stopped after {PlainReport.Format(written)} of {PlainReport.Format(file.Size)} ({why})", "run the same command again to resume it");

    private static void Verify(HubFile file, string part)
    {
        var actual = file.HashOf(part);
        if (!string.Equals(actual, file.Hash, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(part);
            throw new InvalidDataException($"{file.Path} is corrupt: its {file.HashName} is {actual} but the Hub publishes {file.Hash}. The bad copy was deleted; run the command again to fetch it anew.");
        }
    }
}
