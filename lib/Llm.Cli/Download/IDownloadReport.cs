namespace Llm.Cli.Download;

/// <summary>What a download tells the person waiting: a live bar on a terminal, plain lines in a log.</summary>
public interface IDownloadReport
{
    /// <summary>A file starts; <paramref name="already"/> bytes of it are on disk from an earlier attempt.</summary>
    void Begin(HubFile file, long already);

    void Advance(long bytes);

    /// <summary>The file is complete and verified (<paramref name="note"/> says how).</summary>
    void End(HubFile file, string note);

    /// <summary>Something the person should know while waiting: a retry, and why.</summary>
    void Note(string message);
}
