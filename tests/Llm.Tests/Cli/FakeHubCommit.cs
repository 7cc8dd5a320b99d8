using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Llm.Tests.Cli;

/// <summary>
/// One commit of a fake Hub repository: its files, and their entries as the Hub's tree listing
/// gives them. A file in Git LFS (the weights) is listed with its real size and the SHA-256 of its
/// content under "lfs", and as "oid" the git blob id of its LFS pointer; a small file with its size
/// and the git blob id of its content. One folder entry is listed too, as real repositories have them.
/// </summary>
internal sealed record FakeHubCommit(string Sha, Dictionary<string, byte[]> Files)
{
    public static bool IsLfs(string name) => name.EndsWith(".safetensors", StringComparison.Ordinal) || name.EndsWith(".bin", StringComparison.Ordinal);

    public static string BlobId(byte[] content) =>
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]));

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The text git keeps in place of an LFS file.</summary>
    public static byte[] Pointer(byte[] content) =>
        Encoding.ASCII.GetBytes($"version https://git-lfs.github.com/spec/v1\noid sha256:{Sha256(content)}\nsize {content.Length}\n");

    /// <summary>A commit id made from the files, so that two commits with other files have other ids.</summary>
    public static FakeHubCommit Of(Dictionary<string, byte[]> files, string parent)
    {
        var tree = string.Join("\n", files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {BlobId(f.Value)}"));
        return new FakeHubCommit(Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{parent}\n{tree}"))), files);
    }

    /// <summary>The entries of GET /api/models/REPO/tree/REVISION, in the Hub's order (folders first, then by path).</summary>
    public List<JsonObject> Listing()
    {
        var entries = new List<JsonObject> { new() { ["type"] = "directory", ["oid"] = BlobId([]), ["size"] = 0, ["path"] = "onnx" } };
        foreach (var (name, content) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var entry = new JsonObject { ["type"] = "file", ["size"] = content.Length, ["path"] = name };
            if (IsLfs(name))
            {
                var pointer = Pointer(content);
                entry["oid"] = BlobId(pointer);
                entry["lfs"] = new JsonObject { ["oid"] = Sha256(content), ["size"] = content.Length, ["pointerSize"] = pointer.Length };
            }
            else
            {
                entry["oid"] = BlobId(content);
            }

            entries.Add(entry);
        }

        return entries;
    }
}
