using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Llm.Cli.Download;

/// <summary>
/// Fetches files of a Hugging Face repository into a folder, the way a model should arrive:
/// each file is written to "NAME.part" in a staging folder ("OUT.download"), resumed with an HTTP
/// Range request after an interruption, checked against the hash the Hub publishes, and only when
/// every file is verified does the staging folder take the final name, in one rename. So OUT
/// either holds the whole verified model or does not exist.
/// </summary>
public sealed class HubDownloader(HttpClient http, Uri endpoint, string repo, string revision = "main")
{
    /// <summary>The files' sizes and hashes, from GET /api/models/REPO/tree/REVISION.</summary>
    public async Task<IReadOnlyList<HubFile>> ListAsync(IReadOnlyList<string> wanted, CancellationToken cancel)
    {
        var url = new Uri(endpoint, $"api/models/{repo}/tree/{revision}");
        using var response = await Send(url, null, cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}: cannot list the files of {repo}.");
        }

        var listing = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancel))?.AsArray()
            ?? throw new InvalidDataException($"{url} did not return a list of files.");
        var files = new List<HubFile>();
        foreach (var name in wanted)
        {
            var entry = listing.FirstOrDefault(e => (string?)e?["path"] == name)
                ?? throw new FileNotFoundException($"{repo} on {endpoint.Host} has no file '{name}' (listed at {url}).");
            var lfs = entry["lfs"];
            files.Add(lfs is null
                ? new HubFile(name, (long)entry["size"]!, (string)entry["oid"]!, IsLfs: false)
                : new HubFile(name, (long)lfs["size"]!, (string)lfs["oid"]!, IsLfs: true));
        }

        return files;
    }

    /// <summary>Downloads and verifies every file, then moves the staging folder to <paramref name="outDir"/>.</summary>
    public async Task DownloadAsync(IReadOnlyList<HubFile> files, string outDir, IDownloadReport report, CancellationToken cancel)
    {
        var final = Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar);
        var staging = StagingFolder(final);
        Directory.CreateDirectory(staging);
        foreach (var file in files)
        {
            var target = Path.Combine(staging, file.Path);
            if (File.Exists(target) && new FileInfo(target).Length == file.Size)
            {
                report.Begin(file, file.Size);
                report.End(file, "verified in an earlier run");
                continue;
            }

            await FetchAsync(file, target + ".part", report, cancel);
            Verify(file, target + ".part");
            File.Move(target + ".part", target, overwrite: true);
            report.End(file, $"{file.HashName} verified");
        }

        Directory.Move(staging, final);
    }

    /// <summary>Where the files wait until all are verified; kept after a failure so that the next run resumes.</summary>
    public static string StagingFolder(string outDir) => Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar) + ".download";

    private async Task FetchAsync(HubFile file, string part, IDownloadReport report, CancellationToken cancel)
    {
        var have = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (have > file.Size)
        {
            have = 0;
        }

        report.Begin(file, have);
        if (have == file.Size)
        {
            return;
        }

        var url = new Uri(endpoint, $"{repo}/resolve/{revision}/{file.Path}");
        using var response = await Send(url, have > 0 ? new RangeHeaderValue(have, null) : null, cancel);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"{url} answered 404 Not Found: the Hub has no {file.Path} in {repo} at '{revision}'.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        // 206 continues the part file; a server that ignores Range answers 200 with the whole file.
        var resumed = response.StatusCode == HttpStatusCode.PartialContent;
        await using var destination = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write);
        await using var source = await response.Content.ReadAsStreamAsync(cancel);
        var buffer = new byte[1 << 16];
        var written = resumed ? have : 0;

        // HttpClient.Timeout ends with the headers; a connection that stalls later is caught here.
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        try
        {
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
            throw Interrupted(file, written, e.Message);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw Interrupted(file, written, $"no data for {StallTimeout.TotalSeconds:F0} s");
        }

        if (written != file.Size)
        {
            throw Interrupted(file, written, "the connection ended early");
        }
    }

    /// <summary>How long a transfer may go without a byte before it counts as interrupted.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    private CancellationToken Armed(CancellationTokenSource stalled)
    {
        stalled.CancelAfter(StallTimeout);
        return stalled.Token;
    }

    private static IOException Interrupted(HubFile file, long written, string why) =>
        new($"the download of {file.Path} stopped after {PlainReport.Format(written)} of {PlainReport.Format(file.Size)} ({why}); run the same command again to resume it.");

    private static void Verify(HubFile file, string part)
    {
        var actual = file.HashOf(part);
        if (!string.Equals(actual, file.Hash, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(part);
            throw new InvalidDataException($"{file.Path} is corrupt: its {file.HashName} is {actual} but the Hub publishes {file.Hash}. The bad copy was deleted; run the command again to fetch it anew.");
        }
    }

    private async Task<HttpResponseMessage> Send(Uri url, RangeHeaderValue? range, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = range;
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException($"could not reach {url.GetLeftPart(UriPartial.Authority)} ({e.Message}); `llm download` needs the internet (or --endpoint with a Hub mirror).", e);
        }
        catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new HttpRequestException($"{url.GetLeftPart(UriPartial.Authority)} did not answer within {http.Timeout.TotalSeconds:F0} s; `llm download` needs the internet (or --endpoint with a Hub mirror).", e);
        }
    }
}
