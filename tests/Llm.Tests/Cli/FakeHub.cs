using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Llm.Tests.Cli;

/// <summary>
/// A stand-in for the Hugging Face Hub on the loopback address, answering as the real one does
/// (never the internet). Two hosts, two listeners: the Hub itself (<see cref="Url"/>: the API, the
/// resolve URLs, the resolve cache) and the storage its large files live on (<see cref="StorageUrl"/>).
/// A small file's resolve URL answers 307 with a relative Location in the resolve cache, X-Repo-Commit
/// and a quoted ETag; an LFS file's answers 302 to the storage host, with a signed URL that expires
/// and that refuses an Authorization header, as a presigned S3 URL does; both answer Range with 206.
/// The tree listing is paginated with a Link header; `main` is a commit that can move. Tests break
/// it on purpose: answer 429 or 5xx, drop a connection, cut or stall a transfer, serve other bytes
/// than listed, answer 404, require a token, move `main` in the middle of a download.
/// </summary>
internal sealed partial class FakeHub : IDisposable
{
    private readonly HttpListener hub = new();
    private readonly HttpListener storage = new();
    private readonly List<Task> serving = [];
    private readonly ManualResetEventSlim released = new();
    private readonly byte[] signingKey = Guid.NewGuid().ToByteArray();
    private readonly List<FakeHubCommit> commits = [];
    private TimeSpan clockAhead;

    public FakeHub(Dictionary<string, byte[]> files, string repo = "openai-community/gpt2")
    {
        Repo = repo;
        Files = files;
        commits.Add(FakeHubCommit.Of(files, ""));
        Url = Start(hub, Answer);
        StorageUrl = Start(storage, AnswerStorage);
    }

    /// <summary>The Hub's address (what --endpoint takes).</summary>
    public string Url { get; }

    /// <summary>The storage host the Hub redirects LFS downloads to.</summary>
    public string StorageUrl { get; }

    public string Repo { get; }

    /// <summary>The files of the first commit, the one `main` points at until it moves.</summary>
    public Dictionary<string, byte[]> Files { get; }

    /// <summary>The id of the first commit.</summary>
    public string FirstCommit => Commits()[0].Sha;

    /// <summary>The commit `main` points at now.</summary>
    public string Main => Commits()[^1].Sha;

    /// <summary>Entries per page of a tree listing (the real Hub's pages are larger, but the principle is the same).</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>When set, `main` moves to a new commit with these files as the first file is requested.</summary>
    public Dictionary<string, byte[]>? NextMain { get; set; }

    /// <summary>Bytes served instead of the listed ones (the listing keeps the true hash).</summary>
    public Dictionary<string, byte[]> Tampered { get; } = [];

    /// <summary>Files answered with 404 although they are listed.</summary>
    public HashSet<string> Missing { get; } = [];

    /// <summary>Cut the connection after this many bytes of the named file, this many times.</summary>
    public (string File, int Bytes, int Times)? Cut { get; set; }

    /// <summary>Called when a transfer is cut (a test may let the clock run on there).</summary>
    public Action? OnCut { get; set; }

    /// <summary>Send this many bytes of the named file, then nothing more until the hub is disposed.</summary>
    public (string File, int Bytes)? StallAt { get; set; }

    /// <summary>When set, the Hub answers 401 to a request without "Authorization: Bearer TOKEN", as for a gated repository.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>How long a signed storage URL stays valid.</summary>
    public TimeSpan SignedUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every request either host received, in order.</summary>
    public List<FakeHubRequest> Requests { get; } = [];

    /// <summary>The requests that fetched the content of a file (from the resolve cache or the storage host), as (file, Range header).</summary>
    public List<(string File, string Range)> Downloads
    {
        get
        {
            lock (Requests)
            {
                return Requests.Where(r => r.File is not null).Select(r => (r.File!, r.Range)).ToList();
            }
        }
    }

    /// <summary>The next requests to the Hub get these answers instead (0: the connection is dropped).</summary>
    public Queue<(int Status, string? RetryAfter)> HubFailures { get; } = new();

    /// <summary>The next requests to the storage host get these answers instead (0: the connection is dropped).</summary>
    public Queue<(int Status, string? RetryAfter)> StorageFailures { get; } = new();

    /// <summary>Small, made-up files under the four names `llm download gpt2` fetches; the weights are large enough to arrive in many reads.</summary>
    public static Dictionary<string, byte[]> Gpt2Like(int seed = 3)
    {
        var random = new Random(seed);
        var weights = new byte[300_000];
        random.NextBytes(weights);
        return new()
        {
            ["config.json"] = Encoding.UTF8.GetBytes($"{{\"n_embd\": {8 * seed}}}\n"),
            ["model.safetensors"] = weights,
            ["vocab.json"] = Encoding.UTF8.GetBytes("{\"a\": 0}\n"),
            ["merges.txt"] = Encoding.UTF8.GetBytes("#version: 0.2\n"),
        };
    }

    /// <summary>Moves the fake's clock on: signed URLs issued earlier may expire.</summary>
    public void AdvanceClock(TimeSpan by) => clockAhead += by;

    public void Dispose()
    {
        released.Set();
        foreach (var listener in new[] { hub, storage })
        {
            listener.Stop();
            listener.Close();
        }

        Task.WaitAll([.. serving], TimeSpan.FromSeconds(5));
    }

    private DateTimeOffset Now => DateTimeOffset.UtcNow + clockAhead;

    private string Start(HttpListener listener, Action<HttpListenerContext> answer)
    {
        int port;
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            port = ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        var url = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(url);
        listener.Start();
        serving.Add(Task.Run(() => Serve(listener, answer)));
        return url;
    }

    // Each request on a task of its own, so that a stalled transfer does not hold up the next request.
    private async Task Serve(HttpListener listener, Action<HttpListenerContext> answer)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() =>
            {
                try
                {
                    answer(context);
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
                {
                    // The client went away (or we cut it off): nothing left to answer.
                }
            });
        }
    }

    /// <summary>Answers with one of the queued failures, if any is left; true when it did.</summary>
    private static bool Fail(Queue<(int Status, string? RetryAfter)> failures, HttpListenerResponse response)
    {
        (int Status, string? RetryAfter) failure;
        lock (failures)
        {
            if (!failures.TryDequeue(out failure))
            {
                return false;
            }
        }

        // HttpListener cannot drop a connection before the headers (closing sends them), so a dropped
        // connection promises a body and ends without it, as a reset in the middle of an answer does.
        if (failure.Status == 0)
        {
            response.ContentLength64 = 1000;
            response.OutputStream.Flush();
            response.Abort();
            return true;
        }

        if (failure.RetryAfter is { } wait)
        {
            response.Headers["Retry-After"] = wait;
        }

        Send(response, failure.Status, failure.Status switch
        {
            429 => "Too many requests, slow down.",
            < 500 => "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
            _ => "Service temporarily unavailable",
        });
        return true;
    }

    /// <summary>Serves <paramref name="content"/> from the offset a Range header asks for, cut or stalled when a test says so.</summary>
    private void Serve(HttpListenerContext context, string name, byte[] content)
    {
        var response = context.Response;
        var start = 0;
        if (context.Request.Headers["Range"] is { } range && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = int.Parse(range["bytes=".Length..^1]);
            if (start >= content.Length)
            {
                response.Headers["Content-Range"] = $"bytes */{content.Length}";
                Send(response, 416, "Range Not Satisfiable");
                return;
            }

            response.Headers["Content-Range"] = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }

        var body = content.AsSpan(start).ToArray();
        response.StatusCode = start > 0 ? 206 : 200;
        response.ContentLength64 = body.Length;
        if (Cut is { Times: > 0 } cut && cut.File == name && cut.Bytes < body.Length)
        {
            Cut = cut with { Times = cut.Times - 1 };
            response.OutputStream.Write(body, 0, cut.Bytes);
            response.OutputStream.Flush();
            OnCut?.Invoke();
            response.Abort();
            return;
        }

        if (StallAt is { } stall && stall.File == name)
        {
            response.OutputStream.Write(body, 0, Math.Min(stall.Bytes, body.Length));
            response.OutputStream.Flush();
            released.Wait();
            response.Abort();
            return;
        }

        response.OutputStream.Write(body);
        response.Close();
    }

    private static void Send(HttpListenerResponse response, int status, string body, string contentType = "text/plain; charset=utf-8")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    private void Record(HttpListenerRequest request, string host, string? file)
    {
        lock (Requests)
        {
            Requests.Add(new FakeHubRequest(host, request.Url!.PathAndQuery, request.Headers["Range"] ?? "", request.Headers["Authorization"], file));
        }
    }
}

/// <summary>One request the fake received: which host ("hub" or "storage"), the path, its Range and Authorization headers, and the file whose content it fetched (if it did).</summary>
internal sealed record FakeHubRequest(string Host, string Path, string Range, string? Authorization, string? File);
