using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Llm.Tests.Cli;

/// <summary>What each host of the fake answers, path by path.</summary>
internal sealed partial class FakeHub
{
    private void Answer(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = Uri.UnescapeDataString(request.Url!.AbsolutePath);
        var cachePrefix = $"/api/resolve-cache/models/{Repo}/";
        Record(request, "hub", path.StartsWith(cachePrefix, StringComparison.Ordinal) ? path[cachePrefix.Length..].Split('/', 2)[^1] : null);
        if (Fail(HubFailures, response))
        {
            return;
        }

        if (RequiredToken is { } token && request.Headers["Authorization"] != $"Bearer {token}")
        {
            response.Headers["X-Error-Code"] = "GatedRepo";
            Send(response, 401, $"{{\"error\":\"Access to model {Repo} is restricted. You must have access to it and be authenticated to access it. Please log in.\"}}", "application/json");
            return;
        }

        if (Route(path, $"/api/models/{Repo}/revision/") is { } revision)
        {
            AnswerRevision(response, revision);
        }
        else if (Route(path, $"/api/models/{Repo}/tree/") is { } tree)
        {
            AnswerTree(response, tree, request.QueryString["cursor"]);
        }
        else if (Route(path, $"/{Repo}/resolve/") is { } resolve)
        {
            AnswerResolve(response, resolve);
        }
        else if (Route(path, cachePrefix) is { } cached && cached.Split('/', 2) is [var sha, var name] && Commit(sha)?.Files.GetValueOrDefault(name) is { } content)
        {
            response.Headers["X-Repo-Commit"] = sha;
            response.Headers["ETag"] = $"\"{FakeHubCommit.BlobId(content)}\"";
            Serve(context, name, Tampered.GetValueOrDefault(name) ?? content);
        }
        else
        {
            response.Headers["X-Error-Code"] = "RepoNotFound";
            Send(response, 404, "Repository not found");
        }
    }

    /// <summary>GET /api/models/REPO/revision/REV: the model's info at that revision, with the commit id as "sha".</summary>
    private void AnswerRevision(HttpListenerResponse response, string revision)
    {
        if (Commit(revision) is not { } commit)
        {
            response.Headers["X-Error-Code"] = "RevisionNotFound";
            Send(response, 404, $"{{\"error\":\"Invalid rev id: {revision}\"}}", "application/json");
            return;
        }

        var siblings = new JsonArray([.. commit.Files.Keys.Order(StringComparer.Ordinal).Select(name => (JsonNode)new JsonObject { ["rfilename"] = name })]);
        var info = new JsonObject { ["_id"] = "621ffdc036468d709f174338", ["id"] = Repo, ["modelId"] = Repo, ["sha"] = commit.Sha, ["siblings"] = siblings };
        Send(response, 200, info.ToJsonString(), "application/json");
    }

    /// <summary>GET /api/models/REPO/tree/REV[?cursor=…]: one page of entries, and a Link header to the next page while there is one.</summary>
    private void AnswerTree(HttpListenerResponse response, string revision, string? cursor)
    {
        if (Commit(revision.TrimEnd('/')) is not { } commit)
        {
            response.Headers["X-Error-Code"] = "RevisionNotFound";
            Send(response, 404, $"{{\"error\":\"Invalid rev id: {revision}\"}}", "application/json");
            return;
        }

        var entries = commit.Listing();
        var start = cursor is null ? 0 : int.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(cursor)), CultureInfo.InvariantCulture);
        var page = entries.Skip(start).Take(PageSize).ToList();
        if (start + PageSize < entries.Count)
        {
            var next = Convert.ToBase64String(Encoding.ASCII.GetBytes((start + PageSize).ToString(CultureInfo.InvariantCulture)));
            response.Headers["Link"] = $"<{Url}api/models/{Repo}/tree/{revision}?cursor={Uri.EscapeDataString(next)}>; rel=\"next\"";
        }

        Send(response, 200, new JsonArray([.. page]).ToJsonString(), "application/json");
    }

    /// <summary>GET /REPO/resolve/REV/FILE: a redirect, never the content: 307 to the resolve cache for a small file, 302 to signed storage for an LFS one.</summary>
    private void AnswerResolve(HttpListenerResponse response, string rest)
    {
        if (NextMain is { } next)
        {
            lock (commits)
            {
                commits.Add(FakeHubCommit.Of(next, Main));
            }

            NextMain = null;
        }

        var (revision, name) = rest.Split('/', 2) is [var r, var n] ? (r, n) : (rest, "");
        var commit = Commit(revision);
        if (commit is null || !commit.Files.TryGetValue(name, out var content) || Missing.Contains(name))
        {
            response.Headers["X-Error-Code"] = commit is null ? "RevisionNotFound" : "EntryNotFound";
            Send(response, 404, commit is null ? "Invalid rev id" : "Entry not found");
            return;
        }

        response.Headers["X-Repo-Commit"] = commit.Sha;
        if (FakeHubCommit.IsLfs(name))
        {
            var sha256 = FakeHubCommit.Sha256(content);
            response.Headers["ETag"] = $"\"{sha256}\"";
            response.Headers["X-Linked-Etag"] = $"\"{sha256}\"";
            response.Headers["X-Linked-Size"] = content.Length.ToString(CultureInfo.InvariantCulture);
            response.RedirectLocation = SignedUrl(sha256);
            response.StatusCode = 302;
        }
        else
        {
            response.Headers["ETag"] = $"\"{FakeHubCommit.BlobId(content)}\"";
            response.RedirectLocation = $"/api/resolve-cache/models/{Repo}/{commit.Sha}/{Uri.EscapeDataString(name)}";
            response.StatusCode = 307;
        }

        response.ContentLength64 = 0;
        response.Close();
    }

    /// <summary>The storage host: a signed, expiring URL per content hash; Range honoured.</summary>
    private void AnswerStorage(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var sha256 = request.Url!.AbsolutePath.Split('/')[^1];
        var name = Commits().SelectMany(c => c.Files).FirstOrDefault(f => FakeHubCommit.Sha256(f.Value) == sha256).Key;
        Record(request, "storage", name);
        if (Fail(StorageFailures, response))
        {
            return;
        }

        // A presigned URL carries its own authorisation: S3 refuses a request that brings a second one.
        if (request.Headers["Authorization"] is not null)
        {
            Send(response, 400, "<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>", "application/xml");
            return;
        }

        var expires = long.TryParse(request.QueryString["Expires"], out var e) ? e : 0;
        if (name is null || request.QueryString["Signature"] != Sign(request.Url.AbsolutePath, expires))
        {
            Send(response, 403, "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided</Message></Error>", "application/xml");
            return;
        }

        if (Now.ToUnixTimeSeconds() > expires)
        {
            Send(response, 403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", "application/xml");
            return;
        }

        var content = Commits().SelectMany(c => c.Files).First(f => f.Key == name && FakeHubCommit.Sha256(f.Value) == sha256).Value;
        Serve(context, name, Tampered.GetValueOrDefault(name) ?? content);
    }

    private string SignedUrl(string sha256)
    {
        var path = $"/repos/{sha256[..2]}/{sha256[2..4]}/{sha256}";
        var expires = (Now + SignedUrlLifetime).ToUnixTimeSeconds();
        return $"{StorageUrl.TrimEnd('/')}{path}?Expires={expires}&Signature={Sign(path, expires)}&Key-Pair-Id=K3ESJI6DHPFC7";
    }

    private string Sign(string path, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes($"{path}\n{expires}")));

    /// <summary>The commit a revision names: "main", or a commit id.</summary>
    private FakeHubCommit? Commit(string revision) =>
        revision == "main" ? Commits()[^1] : Commits().FirstOrDefault(c => c.Sha == revision);

    private FakeHubCommit[] Commits()
    {
        lock (commits)
        {
            return [.. commits];
        }
    }

    private static string? Route(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : null;
}
