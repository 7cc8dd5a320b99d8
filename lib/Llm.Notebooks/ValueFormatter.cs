using System.Net;
using Llm.Notebooks.Kernel;

namespace Llm.Notebooks;

/// <summary>
/// Turns a displayed value into a display_data output, as the kernel would: the MIME types its
/// type's formatter source prefers (<see cref="FormatterConvention"/>), HTML for HTML(...), and
/// otherwise text/plain (<see cref="PlainText"/>).
/// </summary>
public static class ValueFormatter
{
    public const string PlainTextType = "text/plain";
    public const string HtmlType = "text/html";

    /// <summary>
    /// The value in each MIME type it can be shown as, most preferred first; with
    /// <paramref name="mimeTypes"/>, only those (as display(value, "text/plain") asks).
    /// </summary>
    public static DisplayOutput Format(object? value, IReadOnlyList<string>? mimeTypes = null)
    {
        var wanted = mimeTypes is { Count: > 0 } ? mimeTypes : DefaultMimeTypes(value);
        var data = new List<KeyValuePair<string, string>>();
        foreach (var mimeType in wanted.Distinct())
        {
            if (TryFormat(value, mimeType, out var content))
            {
                data.Add(new(mimeType, content));
            }
        }

        return data.Count > 0 ? new DisplayOutput(data) : DisplayOutput.Of(PlainTextType, PlainText.Of(value));
    }

    private static IReadOnlyList<string> DefaultMimeTypes(object? value) => value switch
    {
        HtmlContent => [HtmlType],
        null or string => [PlainTextType],
        _ => FormatterConvention.PreferredMimeTypes(value.GetType()) ?? [PlainTextType],
    };

    private static bool TryFormat(object? value, string mimeType, out string content)
    {
        if (value is not null && FormatterConvention.TryFormat(value, mimeType, out content))
        {
            return true;
        }

        (var ok, content) = (mimeType, value) switch
        {
            (HtmlType, HtmlContent html) => (true, html.Html),
            (HtmlType, _) => (true, $"<pre>{WebUtility.HtmlEncode(PlainText.Of(value))}</pre>"),
            (PlainTextType, _) => (true, PlainText.Of(value)),
            _ => (false, string.Empty),
        };
        return ok;
    }
}
