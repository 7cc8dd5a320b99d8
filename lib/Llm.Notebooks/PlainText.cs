using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Llm.Notebooks;

/// <summary>
/// A value as readable text, for values without a formatter: the type's text/plain formatter if it
/// has one, numbers in invariant culture, collections as [a, b, c] (the first 20 items), and
/// objects that do not override ToString as Type { Property = value, … }.
/// </summary>
public static class PlainText
{
    private const int MaxItems = 20;

    public static string Of(object? value) => Of(value, depth: 0);

    private static string Of(object? value, int depth)
    {
        if (value is not null && FormatterConvention.TryFormat(value, ValueFormatter.PlainTextType, out var formatted))
        {
            return formatted;
        }

        return value switch
        {
            null => "<null>",
            string text => depth == 0 ? text : $"\"{text}\"",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ when depth > 2 => value.ToString() ?? string.Empty,
            IDictionary dictionary => Items(Entries(dictionary).Select(e => $"{Of(e.Key, depth + 1)}: {Of(e.Value, depth + 1)}"), "{ ", " }"),
            IEnumerable items => Items(items.Cast<object?>().Select(item => Of(item, depth + 1)), "[", "]"),
            _ => Object(value, depth),
        };
    }

    /// <summary>The entries through IDictionary's own enumerator: a generic dictionary enumerates KeyValuePairs otherwise.</summary>
    private static IEnumerable<DictionaryEntry> Entries(IDictionary dictionary)
    {
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            yield return entries.Entry;
        }
    }

    private static string Items(IEnumerable<string> items, string open, string close)
    {
        var shown = items.Take(MaxItems + 1).ToList();
        var text = string.Join(", ", shown.Take(MaxItems));
        return shown.Count > MaxItems ? $"{open}{text}, …{close}" : $"{open}{text}{close}";
    }

    /// <summary>ToString when the type overrides it (records, tuples, our types); else its public properties.</summary>
    private static string Object(object value, int depth)
    {
        var type = value.GetType();
        var text = value.ToString() ?? string.Empty;
        if (text != type.ToString())
        {
            return text;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead);
        var result = new StringBuilder(type.Name).Append(" { ");
        result.AppendJoin(", ", properties.Select(p => $"{p.Name} = {Of(p.GetValue(value), depth + 1)}"));
        return result.Append(" }").ToString();
    }
}
