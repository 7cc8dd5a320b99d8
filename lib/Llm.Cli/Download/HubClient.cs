using System.Net;
using System.Net.Http.Headers;

namespace Llm.Cli.Download;

/// <summary>
/// HTTP as the Hugging Face Hub needs it. The Hub answers a file's URL with a redirect: within
/// itself for a small file (307 to its resolve cache, a relative Location), to another host for a
/// large one (302 to a signed, expiring storage URL). This class follows redirects itself rather
/// than letting HttpClient do it, for two reasons: a token must reach the Hub, its own redirects
/// included, and no other host (HttpClient drops it on every redirect, and a signed URL refuses a
/// second authorisation); and a failure must name the host that failed, not the URL we asked first.
/// </summary>
public sealed class HubClient : IDisposable
{
    private const int MaxRedirects = 10;
    private readonly HttpClient http;
    private readonly string? token;

    /// <param name="endpoint">The Hub (https://huggingface.co) or a mirror: the one host the token goes to.</param>
    /// <param name="token">A Hugging Face access token, or null.</param>
    public HubClient(Uri endpoint, string? token = null)
    {
        Endpoint = endpoint;
        this.token = token;
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(30) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("llm-course/1.0");
    }

    public Uri Endpoint { get; }

    /// <summary>Whether a token is sent to the Hub (for the message when the Hub refuses).</summary>
    public bool HasToken => token is not null;

    public RetryPolicy Retry { get; init; } = new();

    /// <summary>The Hub's host, for messages ("huggingface.co").</summary>
    public string HubHost => Endpoint.Authority;

    /// <summary>
    /// GETs <paramref name="url"/> (from byte <paramref name="from"/> on when it is above 0) and follows
    /// its redirects. Returns the first answer that is not a redirect; throws a <see cref="HubRetryException"/>
    /// for one worth another try, and says "could not reach" when the network is not there at all.
    /// </summary>
    public async Task<HubAnswer> GetAsync(Uri url, long from, string what, CancellationToken cancel)
    {
        var current = url;
        for (var hops = 0; ; hops++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (from > 0)
            {
                request.Headers.Range = new RangeHeaderValue(from, null);
            }

            if (token is not null && IsHub(current))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var response = await SendAsync(request, current, cancel);
            if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (hops == MaxRedirects)
                {
                    throw new HttpRequestException($"{current.Authority} redirected {what} more than {MaxRedirects} times; the Hub (or --endpoint) is misconfigured.");
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            var answer = new HubAnswer(response, current, this, what);
            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                using (answer)
                {
                    var advice = response.StatusCode == HttpStatusCode.TooManyRequests
                        ? "wait a few minutes and run the same command again (it resumes); a token (--token or HF_TOKEN) raises the Hub's limit"
                        : "the server is in trouble: run the same command again later (it resumes)";
                    throw new HubRetryException(answer.HostAnswered(), advice, RetryAfter(response.Headers.RetryAfter));
                }
            }

            return answer;
        }
    }

    /// <summary>True when the URL is on the Hub's own host (same scheme, host and port): the only place a token may go.</summary>
    public bool IsHub(Uri url) => Uri.Compare(url, Endpoint, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri url, CancellationToken cancel)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
        {
            throw new HttpRequestException($"could not reach {url.GetLeftPart(UriPartial.Authority)} ({e.Message}); `llm download` needs the internet (or --endpoint with a Hub mirror).", e);
        }
        catch (HttpRequestException e)
        {
            throw new HubRetryException($"the connection to {url.Authority} dropped ({e.Message})", "check the connection and run the same command again (it resumes)", inner: e);
        }
        catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new HubRetryException($"{url.Authority} did not answer within {http.Timeout.TotalSeconds:F0} s", "check the connection and run the same command again (it resumes)", inner: e);
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
