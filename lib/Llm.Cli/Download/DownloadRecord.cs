using System.Text.Json;
using System.Text.Json.Nodes;

namespace Llm.Cli.Download;

/// <summary>
/// download.json in a downloaded folder: which repository, which revision, and the commit every file
/// came from, with the hashes they were checked against. Written into the staging folder when a
/// download starts, so that a run resuming it fetches the rest from the same commit; it moves with
/// the folder, so the model records where it came from.
/// </summary>
public static class DownloadRecord
{
    public const string FileName = "download.json";

    public static void Write(string folder, HubSnapshot snapshot, Uri endpoint)
    {
        var files = new JsonObject();
        foreach (var file in snapshot.Files)
        {
            files[file.Path] = new JsonObject { ["size"] = file.Size, [file.IsLfs ? "sha256" : "git_blob_sha1"] = file.Hash };
        }

        var record = new JsonObject
        {
            ["repo"] = snapshot.Repo,
            ["revision"] = snapshot.Revision,
            ["commit"] = snapshot.Commit,
            ["endpoint"] = endpoint.ToString(),
            ["files"] = files,
        };
        File.WriteAllText(Path.Combine(folder, FileName), record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>The commit an earlier run recorded in <paramref name="folder"/> for the same repository and revision, or null.</summary>
    public static string? CommitIn(string folder, string repo, string revision)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            var record = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
            return (string?)record?["repo"] == repo && (string?)record?["revision"] == revision ? (string?)record?["commit"] : null;
        }
        catch (JsonException)
        {
            return null; // a record cut short by a crash: the download starts from the commit the revision names now
        }
    }
}
