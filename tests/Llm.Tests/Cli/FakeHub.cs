using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Llm.Tests.Cli;

/// <summary>
/// A stand-in for the Hugging Face Hub on the loopback address: it lists files with the hashes the
/// Hub publishes (SHA-256 under "lfs" for large files, the git blob SHA-1 as "oid" for small ones)
/// and serves them under /REPO/resolve/main/, honouring Range. Tests break it on purpose: cut a
/// transfer short, serve other bytes than it lists, answer 404.
/// </summary>
internal sealed class FakeHub : IDisposable
{
    public const string Repo = "openai-community/gpt2";

    private readonly HttpListener listener = new();
    private readonly Task serving;

    public FakeHub(Dictionary<string, byte[]> files)
    {
        Files = files;
        Url = $"http://127.0.0.1:{FreePort()}/";
        listener.Prefixes.Add(Url);
        listener.Start();
        serving = Task.Run(Serve);
    }

    public string Url { get; }

    public Dictionary<string, byte[]> Files { get; }

    /// <summary>Bytes served instead of the listed ones (the listing keeps the true hash).</summary>
    public Dictionary<string, byte[]> Tampered { get; } = [];

    /// <summary>Files answered with 404 although they are listed.</summary>
    public HashSet<string> Missing { get; } = [];

    /// <summary>Cut the connection after this many bytes of the named file, once.</summary>
    public (string File, int Bytes)? CutOnce { get; set; }

    /// <summary>Send this many bytes of the named file, then nothing more until the hub is disposed.</summary>
    public (string File, int Bytes)? StallAt { get; set; }

    private readonly ManualResetEventSlim released = new();

    /// <summary>Every Range header received, per file ("" when there was none).</summary>
    public List<(string File, string Range)> Requests { get; } = [];

    /// <summary>Small, made-up files under the four names `llm download gpt2` fetches; the weights are large enough to arrive in many reads.</summary>
    public static Dictionary<string, byte[]> Gpt2Like()
    {
        var random = new Random(3);
        var weights = new byte[300_000];
        random.NextBytes(weights);
        return new()
        {
            ["config.json"] = Encoding.UTF8.GetBytes("{\"n_embd\": 8}\n"),
            ["model.safetensors"] = weights,
            ["vocab.json"] = Encoding.UTF8.GetBytes("{\"a\": 0}\n"),
            ["merges.txt"] = Encoding.UTF8.GetBytes("#version: 0.2\n"),
        };
    }

    public void Dispose()
    {
        released.Set();
        listener.Stop();
        listener.Close();
        _ = serving.Exception;
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task Serve()
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

            try
            {
                Answer(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client went away (or we cut it off): nothing left to answer.
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        if (path == $"/api/models/{Repo}/tree/main")
        {
            Send(response, 200, Encoding.UTF8.GetBytes(Listing().ToJsonString()));
            return;
        }

        var prefix = $"/{Repo}/resolve/main/";
        var name = path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : "";
        lock (Requests)
        {
            Requests.Add((name, context.Request.Headers["Range"] ?? ""));
        }

        if (!Files.ContainsKey(name) || Missing.Contains(name))
        {
            Send(response, 404, Encoding.UTF8.GetBytes("Entry not found"));
            return;
        }

        var content = Tampered.GetValueOrDefault(name) ?? Files[name];
        var start = 0;
        if (context.Request.Headers["Range"] is { } range && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = int.Parse(range["bytes=".Length..^1]);
            response.Headers["Content-Range"] = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }

        var body = content.AsSpan(start).ToArray();
        if (CutOnce is { } cut && cut.File == name)
        {
            CutOnce = null;
            response.StatusCode = start > 0 ? 206 : 200;
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body, 0, cut.Bytes);
            response.OutputStream.Flush();
            response.Abort();
            return;
        }

        if (StallAt is { } stall && stall.File == name)
        {
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body, 0, stall.Bytes);
            response.OutputStream.Flush();
            released.Wait();
            response.Abort();
            return;
        }

        Send(response, start > 0 ? 206 : 200, body);
    }

    private JsonArray Listing()
    {
        var listing = new JsonArray();
        foreach (var (name, content) in Files)
        {
            var blob = SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]);
            var entry = new JsonObject { ["type"] = "file", ["path"] = name, ["size"] = content.Length, ["oid"] = Convert.ToHexStringLower(blob) };
            if (name.EndsWith(".safetensors", StringComparison.Ordinal))
            {
                // The Hub lists the LFS pointer's blob as "oid" and the content's SHA-256 under "lfs".
                entry["size"] = 135;
                entry["lfs"] = new JsonObject { ["oid"] = Convert.ToHexStringLower(SHA256.HashData(content)), ["size"] = content.Length, ["pointerSize"] = 135 };
            }

            listing.Add(entry);
        }

        return listing;
    }

    private static void Send(HttpListenerResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
        response.Close();
    }
}
