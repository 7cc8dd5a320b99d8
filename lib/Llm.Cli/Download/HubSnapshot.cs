namespace Llm.Cli.Download;

/// <summary>What one download fetches: a repository's files as they are at one commit (the one `revision` named when the download began).</summary>
public sealed record HubSnapshot(string Repo, string Revision, string Commit, IReadOnlyList<HubFile> Files)
{
    public long Size => Files.Sum(f => f.Size);

    /// <summary>The first 12 characters of the commit, as the Hub's pages show it.</summary>
    public string ShortCommit => Commit[..Math.Min(12, Commit.Length)];
}
