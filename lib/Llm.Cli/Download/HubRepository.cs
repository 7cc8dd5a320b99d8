using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Llm.Cli.Download;

/// <summary>
/// What the Hub's API says about a repository: which commit a revision such as `main` names now
/// (GET /api/models/REPO/revision/REV, its "sha"), and the files of a commit with their sizes and
/// hashes (GET /api/models/REPO/tree/COMMIT, in pages: each page's Link header, rel="next", gives
/// the next one, as GitHub's API does).
/// </summary>
public sealed partial class HubRepository(HubClient client, string repo)
{
    /// <summary>The commit <paramref name="revision"/> names now: pinning it means every file comes from the same commit, even if `main` moves meanwhile.</summary>
    public async Task<string> CommitOfAsync(string revision, Action<string> note, CancellationToken cancel)
    {
        var url = new Uri(client.Endpoint, $"api/models/{repo}/revision/{Uri.EscapeDataString(revision)}");
        var (info, _) = await GetJsonAsync(url, $"{repo}", $"the Hub has no model {repo} with a revision '{revision}'", note, cancel);
        return (string?)info["sha"] is { Length: > 0 } sha
            ? sha
            : throw new InvalidDataException($"{url} gave no commit id (\"sha\"); is --endpoint a Hugging Face Hub?");
    }

    /// <summary>The size and published hash of each wanted file at <paramref name="commit"/>, from every page of the listing.</summary>
    public async Task<IReadOnlyList<HubFile>> ListAsync(string commit, IReadOnlyList<string> wanted, Action<string> note, CancellationToken cancel)
    {
        var first = new Uri(client.Endpoint, $"api/models/{repo}/tree/{commit}");
        var entries = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        for (Uri? page = first; page is not null;)
        {
            var (listing, next) = await GetJsonAsync(page, $"the list of files of {repo}", $"the Hub has no commit {commit} of {repo}", note, cancel);
            if (listing is not JsonArray array)
            {
                throw new InvalidDataException($"{page} did not return a list of files; is --endpoint a Hugging Face Hub?");
            }

            foreach (var entry in array.OfType<JsonObject>().Where(e => (string?)e["type"] == "file"))
            {
                entries[(string)entry["path"]!] = entry;
            }

            page = next;
        }

        return wanted.Select(name => entries.TryGetValue(name, out var entry)
            ? FileOf(name, entry)
            : throw new FileNotFoundException($"{repo} on {client.HubHost} has no file '{name}' (listed at {first}).")).ToList();
    }

    private static HubFile FileOf(string name, JsonNode entry) => entry["lfs"] is { } lfs
        ? new HubFile(name, (long)lfs["size"]!, (string)lfs["oid"]!, IsLfs: true)
        : new HubFile(name, (long)entry["size"]!, (string)entry["oid"]!, IsLfs: false);

    /// <summary>One JSON answer, retried as a whole (a connection can drop in the body too), and the next page's URL if the Link header gives one.</summary>
    private Task<(JsonNode Json, Uri? Next)> GetJsonAsync(Uri url, string what, string notFound, Action<string> note, CancellationToken cancel) =>
        client.Retry.RunAsync(async () =>
        {
            using var answer = await client.GetAsync(url, 0, what, cancel);
            if (!answer.Response.IsSuccessStatusCode)
            {
                throw await answer.FailureAsync(answer.Response.StatusCode == HttpStatusCode.NotFound ? notFound : null, cancel);
            }

            string text;
            try
            {
                text = await answer.Response.Content.ReadAsStringAsync(cancel);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new HubRetryException($"the connection to {answer.Url.Authority} dropped ({e.Message})", "check the connection and run the same command again", inner: e);
            }

            try
            {
                return (JsonNode.Parse(text) ?? throw new JsonException(), Next(answer));
            }
            catch (JsonException)
            {
                throw new InvalidDataException($"{answer.Url} did not return JSON; is --endpoint a Hugging Face Hub?");
            }
        }, note, cancel);

    /// <summary>The rel="next" URL of a Link header: &lt;https://huggingface.co/api/models/…?cursor=…&gt;; rel="next".</summary>
    private static Uri? Next(HubAnswer answer)
    {
        if (!answer.Response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        var next = links.SelectMany(l => l.Split(',')).Select(l => NextLink().Match(l)).FirstOrDefault(m => m.Success);
        return next is null ? null : new Uri(answer.Url, next.Groups[1].Value.Trim());
    }

    [GeneratedRegex("""<([^>]*)>\s*;\s*rel="?next"?""")]
    private static partial Regex NextLink();
}
