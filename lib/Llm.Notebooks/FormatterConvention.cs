using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace Llm.Notebooks;

/// <summary>
/// The kernel's convention for rich display without referencing .NET Interactive (see
/// docs/notebooks.md): a type carries an attribute named TypeFormatterSourceAttribute, in any
/// namespace, naming a formatter source; the source's CreateTypeFormatters() returns formatters
/// with a MimeType, an optional Type and a bool Format(object, TextWriter). Found by reflection
/// only, so that any library following the convention displays the same here and in the kernel.
/// </summary>
internal static class FormatterConvention
{
    private static readonly ConcurrentDictionary<Type, Source?> Sources = new();

    /// <summary>The MIME types the kernel would emit for the type, or null when it carries no formatter source.</summary>
    public static IReadOnlyList<string>? PreferredMimeTypes(Type type) => Find(type)?.PreferredMimeTypes;

    /// <summary>Formats the value as one MIME type with the most specific formatter that accepts it.</summary>
    public static bool TryFormat(object value, string mimeType, out string content)
    {
        content = string.Empty;
        if (Find(value.GetType()) is not { } source)
        {
            return false;
        }

        // Most specific first (a formatter for LineChart before one for Chart), as the kernel orders them.
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

    private static Source? Find(Type type) => Sources.GetOrAdd(type, Discover);

    private static Source? Discover(Type type)
    {
        // The attribute may sit on a base type; walk up explicitly, whatever its AttributeUsage says.
        for (var t = type; t is not null; t = t.BaseType)
        {
            var attribute = t.GetCustomAttributes(inherit: false).FirstOrDefault(a => a.GetType().Name == "TypeFormatterSourceAttribute");
            if (attribute is not null)
            {
                return Create(attribute, t);
            }
        }

        return null;
    }

    private static Source? Create(object attribute, Type attributedType)
    {
        var kind = attribute.GetType();
        if (kind.GetProperty("FormatterSourceType")?.GetValue(attribute) is not Type sourceType)
        {
            return null;
        }

        var preferred = kind.GetProperty("PreferredMimeTypes")?.GetValue(attribute) as string[];
        var source = Activator.CreateInstance(sourceType, nonPublic: true)!;
        var formatters = new List<Formatter>();
        if (sourceType.GetMethod("CreateTypeFormatters")?.Invoke(source, null) is IEnumerable created)
        {
            foreach (var formatter in created)
            {
                var formatterType = formatter.GetType();
                if (formatterType.GetProperty("MimeType")?.GetValue(formatter) is string mimeType &&
                    formatterType.GetMethod("Format", [typeof(object), typeof(TextWriter)]) is { ReturnType: var returns } format &&
                    returns == typeof(bool))
                {
                    // A formatter without a Type applies to the type that carries the attribute.
                    var formatted = formatterType.GetProperty("Type")?.GetValue(formatter) as Type ?? attributedType;
                    formatters.Add(new Formatter(mimeType, formatted, formatter, format));
                }
            }
        }

        // Without a preference the kernel shows objects as HTML.
        return new Source(preferred is { Length: > 0 } ? preferred : ["text/html"], formatters);
    }

    private static int Depth(Type type)
    {
        var depth = 0;
        for (var t = type; t is not null; t = t.BaseType)
        {
            depth++;
        }

        return depth;
    }

    private sealed record Source(string[] PreferredMimeTypes, List<Formatter> Formatters);

    private sealed record Formatter(string MimeType, Type Type, object Instance, MethodInfo Method)
    {
        // DoNotWrapExceptions: a formatter's own error reaches the cell as itself, not as a TargetInvocationException.
        public bool Format(object value, TextWriter writer) =>
            Method.Invoke(Instance, BindingFlags.DoNotWrapExceptions, null, [value, writer], CultureInfo.InvariantCulture) is true;
    }
}
