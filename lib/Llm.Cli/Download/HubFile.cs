using System.Security.Cryptography;
using System.Text;

namespace Llm.Cli.Download;

/// <summary>
/// One file of a Hugging Face repository as the Hub lists it (GET /api/models/REPO/tree/REVISION):
/// its size and the hash the Hub publishes. Files kept in Git LFS (the weights) carry
/// "lfs": {"oid": SHA-256 of the content}; small files carry only "oid", their git blob id: the SHA-1
/// of "blob SIZE\0" followed by the content, as `git hash-object` computes it.
/// </summary>
public sealed record HubFile(string Path, long Size, string Hash, bool IsLfs)
{
    public string HashName => IsLfs ? "sha256" : "git blob sha1";

    /// <summary>The hash of a file on disk, computed the way the Hub's published one is.</summary>
    public string HashOf(string file)
    {
        using var hash = IncrementalHash.CreateHash(IsLfs ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1);
        using var stream = File.OpenRead(file);
        if (!IsLfs)
        {
            hash.AppendData(Encoding.ASCII.GetBytes($"blob {stream.Length}\0"));
        }

        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
