using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Llm.Cli.Download;

/// <summary>
/// The answer that ended a chain of redirects, with the URL that gave it, so that a failure names
/// the host that failed: the Hub, or the storage host the Hub sent a file to.
/// </summary>
public sealed partial class HubAnswer(HttpResponseMessage response, Uri url, HubClient client, string what) : IDisposable
{
    public HttpResponseMessage Response => response;

    /// <summary>The URL that answered (after the redirects).</summary>
    public Uri Url => url;

    /// <summary>"huggingface.co answered 503 Service Unavailable", or for another host "… , where huggingface.co sent model.safetensors".</summary>
    public string HostAnswered(string? detail = null)
    {
        var answered = $"{url.Authority} answered {(int)response.StatusCode} {response.ReasonPhrase}{(detail is null ? "" : $" ({detail})")}";
        return client.IsHub(url) ? answered : $"{answered}, where {client.HubHost} sent {what}";
    }

    /// <summary>
    /// The error for an answer that is not a success: the host, the status, what the server said
    /// (a 4xx's message, when there is no <paramref name="explanation"/>), and what to do.
    /// </summary>
    public async Task<Exception> FailureAsync(string? explanation, CancellationToken cancel)
    {
        var status = (int)response.StatusCode;
        var detail = explanation is null && status is >= 400 and < 500 ? await ServerMessageAsync(cancel) : null;
        explanation ??= (status, client.IsHub(url)) switch
        {
            (401 or 403, true) when client.HasToken => $"the token was refused, or has no access to {what}: check it at {client.Endpoint}settings/tokens",
            (401 or 403, true) => $"{what} is gated or private: pass a token with access to it, --token hf_… or the environment variable HF_TOKEN (make one at {client.Endpoint}settings/tokens)",
            (>= 400 and < 500, false) => "run the same command again: the Hub gives a fresh link, and the download resumes",
            _ => "run the same command again later",
        };
        return new HttpRequestException($"{HostAnswered(detail)}: {explanation}.", null, response.StatusCode);
    }

    public void Dispose() => response.Dispose();

    /// <summary>The message in an error body: S3's &lt;Message&gt;, the Hub's {"error": …}, or short plain text.</summary>
    private async Task<string?> ServerMessageAsync(CancellationToken cancel)
    {
        string body;
        try
        {
            body = (await response.Content.ReadAsStringAsync(cancel)).Trim();
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return null;
        }

        if (XmlMessage().Match(body) is { Success: true } xml)
        {
            return WebUtility.HtmlDecode(xml.Groups[1].Value);
        }

        try
        {
            if (body.StartsWith('{') && JsonDocument.Parse(body).RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString();
            }
        }
        catch (JsonException)
        {
            // Not the Hub's JSON: treated as text below.
        }

        return body.Length is > 0 and <= 200 && !body.StartsWith('<') ? body : null;
    }

    [GeneratedRegex("<Message>(.*?)</Message>", RegexOptions.Singleline)]
    private static partial Regex XmlMessage();
}
