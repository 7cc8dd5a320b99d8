using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace Llm.Display;

/// <summary>
/// What a notebook would show for a value, computed the way .NET Interactive does it, for runners
/// and terminals outside the kernel: find an attribute named TypeFormatterSourceAttribute on the
/// value's type (or a base type), create its formatter source, and call the formatter that matches
/// the MIME type and the value's type. Works for any library that follows the convention, not just this one.
/// </summary>
public static class Formatting
{
    private static readonly ConcurrentDictionary<Type, Source?> Sources = new();

    /// <summary>
    /// Formats <paramref name="value"/> as its most preferred MIME type (for our types: HTML for
    /// tensors and tables, SVG for charts). False when the type declares no formatter source.
    /// </summary>
    public static bool TryFormat(object? value, out string mimeType, out string content)
    {
        foreach (var (type, text) in FormatAll(value))
        {
            (mimeType, content) = (type, text);
            return true;
        }

        (mimeType, content) = (string.Empty, string.Empty);
        return false;
    }

    /// <summary>Formats <paramref name="value"/> as one given MIME type, if one of its formatters handles it.</summary>
    public static bool TryFormat(object? value, string mimeType, out string content)
    {
        content = string.Empty;
        if (value is null || Find(value.GetType()) is not { } source)
        {
            return false;
        }

        // The most specific formatter first (one for LineChart before one for Chart), as the kernel orders them.
        foreach (var formatter in source.Formatters
                     .Where(f => f.MimeType == mimeType && f.Type.IsInstanceOfType(value))
                     .OrderByDescending(f => Depth(f.Type)))
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            if (formatter.Format(value, writer))
            {
                content = writer.ToString();
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every preferred MIME type with its content, most preferred first: what the kernel writes
    /// into a notebook's display_data output.
    /// </summary>
    public static IReadOnlyList<(string MimeType, string Content)> FormatAll(object? value)
    {
        var result = new List<(string, string)>();
        if (value is null || Find(value.GetType()) is not { } source)
        {
            return result;
        }

        foreach (var mimeType in source.PreferredMimeTypes)
        {
            if (TryFormat(value, mimeType, out var content))
            {
                result.Add((mimeType, content));
            }
        }

        return result;
    }

    /// <summary>A value as text for a terminal: its text/plain formatter if it has one, else ToString().</summary>
    public static string ToPlainText(object? value) =>
        value is null ? "null"
        : TryFormat(value, LlmFormatterSource.PlainTextMimeType, out var text) ? text
        : value.ToString() ?? string.Empty;

    /// <summary>The MIME types the kernel would emit for a type: the attribute's list, or text/html by default.</summary>
    public static IReadOnlyList<string> PreferredMimeTypes(Type type) =>
        Find(type)?.PreferredMimeTypes ?? [];

    private static int Depth(Type type)
    {
        var depth = 0;
        for (var t = type; t is not null; t = t.BaseType)
        {
            depth++;
        }

        return depth;
    }

    private static Source? Find(Type type) => Sources.GetOrAdd(type, Discover);

    /// <summary>The convention, step by step, as the kernel's Formatter.TryRegisterFromConventionBasedFormatterSources.</summary>
    private static Source? Discover(Type type)
    {
        var attribute = type.GetCustomAttributes(inherit: true)
            .FirstOrDefault(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        if (attribute?.GetType().GetProperty("FormatterSourceType")?.GetValue(attribute) is not Type sourceType)
        {
            return null;
        }

        var preferred = attribute.GetType().GetProperty("PreferredMimeTypes")?.GetValue(attribute) as string[];
        var source = Activator.CreateInstance(sourceType)!;
        var formatters = new List<Formatter>();
        if (sourceType.GetMethod("CreateTypeFormatters")?.Invoke(source, null) is IEnumerable created)
        {
            foreach (var formatter in created)
            {
                var kind = formatter.GetType();
                if (kind.GetProperty("MimeType")?.GetValue(formatter) is string mimeType &&
                    kind.GetMethod("Format", [typeof(object), typeof(TextWriter)]) is { } format)
                {
                    // A formatter without a Type applies to the type that carries the attribute.
                    var formattedType = kind.GetProperty("Type")?.GetValue(formatter) as Type ?? type;
                    formatters.Add(new Formatter(mimeType, formattedType, formatter, format));
                }
            }
        }

        return new Source(preferred is { Length: > 0 } ? preferred : [LlmFormatterSource.HtmlMimeType], formatters);
    }

    private sealed record Source(string[] PreferredMimeTypes, List<Formatter> Formatters);

    private sealed record Formatter(string MimeType, Type Type, object Instance, MethodInfo Method)
    {
        // DoNotWrapExceptions: a formatter's own error (e.g. a chart with no finite value) reaches
        // the caller as itself, not wrapped in a TargetInvocationException.
        public bool Format(object value, TextWriter writer) =>
            Method.Invoke(Instance, BindingFlags.DoNotWrapExceptions, null, [value, writer], CultureInfo.InvariantCulture) is true;
    }
}
