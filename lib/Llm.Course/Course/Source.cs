using System.Reflection;
using System.Reflection.Metadata;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Llm.Course;

/// <summary>
/// The library's own code, shown in a notebook cell: <c>Source.Of(typeof(Attention), nameof(Attention.ScaledDotProduct))</c>
/// displays that method, headed by its file (relative to the repository) and line numbers, with
/// syntax highlighting. The text comes from the debug information inside the loaded Llm.dll
/// (see <see cref="SourceReader"/>), so it is exactly the code that runs, even without the repository.
/// </summary>
public static class Source
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>
    /// A member of <paramref name="type"/> by name: every overload of a method, a property (its
    /// accessors), the constructors (".ctor" or the type's own name), a field, or a nested type.
    /// Throws, listing the members that exist, when there is none by that name.
    /// </summary>
    public static SourceListing Of(Type type, string member)
    {
        ArgumentNullException.ThrowIfNull(type);
        var reader = SourceReader.For(type.Assembly);
        var title = $"{type.Name}.{member}";
        var constructor = member == ".ctor" || member == ShortName(type);
        var methods = constructor
            ? type.GetConstructors(Declared).Cast<MethodBase>().ToList()
            : type.GetMethods(Declared).Where(m => m.Name == member).Cast<MethodBase>().ToList();
        if (type.GetProperty(member, Declared) is { } property)
        {
            methods.AddRange(property.GetAccessors(nonPublic: true));
        }

        var snippets = Merge(reader, methods.SelectMany(m => MethodRanges(reader, m)));
        if (snippets.Count > 0)
        {
            return new SourceListing(title, snippets);
        }

        if (type.GetNestedType(member, Declared) is { } nested)
        {
            return Of(nested);
        }

        // Auto-properties and fields compile to no code of their own: find their declaration by name.
        if (type.GetProperty(member, Declared) is not null || type.GetField(member, Declared) is not null)
        {
            var pattern = new Regex($@"[\s>\]\)?]{Regex.Escape(member)}\s*(\{{|=>|=|;)");
            if (Merge(reader, TypeRanges(reader, type)).Select(s => Find(s, pattern)).FirstOrDefault(s => s is not null) is { } declaration)
            {
                return new SourceListing(title, [declaration]);
            }
        }

        var names = type.GetMembers(Declared)
            .Where(m => !m.IsDefined(typeof(CompilerGeneratedAttribute)) && !m.Name.StartsWith('<') && !m.Name.Contains('.'))
            .Select(m => m.Name.Replace("get_", string.Empty, StringComparison.Ordinal).Replace("set_", string.Empty, StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal);
        throw new ArgumentException($"{type.Name} has no member named '{member}' with code to show. Its members: {string.Join(", ", names)}.", nameof(member));
    }

    /// <summary>
    /// A member of a library type named by its name, for types a notebook cannot write with typeof
    /// because they are internal: <c>Source.Of("CpuBackend", "Softmax")</c> shows the CPU kernel.
    /// </summary>
    public static SourceListing Of(string typeName, string member) => Of(FindType(typeName), member);

    /// <summary>A whole type: from its declaration (with its doc comment) to its closing brace, in every file of a partial type.</summary>
    public static SourceListing Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var reader = SourceReader.For(type.Assembly);
        var snippets = Merge(reader, TypeRanges(reader, type));
        if (snippets.Count == 0)
        {
            throw new ArgumentException($"No source of {type.FullName} was found in the debug information of {type.Assembly.GetName().Name}.", nameof(type));
        }

        return new SourceListing(ShortName(type), snippets);
    }

    /// <summary>One method, named by a method group: <c>Source.Of(Attention.SplitHeads)</c> (when the name has one overload).</summary>
    public static SourceListing Of(Delegate method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var m = method.Method;
        var reader = SourceReader.For(m.Module.Assembly);
        var snippets = Merge(reader, MethodRanges(reader, m));
        if (snippets.Count == 0)
        {
            throw new ArgumentException($"{m.DeclaringType?.Name}.{m.Name} has no code in the debug information.", nameof(method));
        }

        return new SourceListing($"{m.DeclaringType?.Name}.{m.Name}", snippets);
    }

    // A method's lines, widened upwards to take in its signature, attributes and doc comment.
    private static IEnumerable<LineRange> MethodRanges(SourceReader reader, MethodBase method)
    {
        // An iterator or async method's body is compiled into a state machine's MoveNext.
        var body = method.GetCustomAttribute<StateMachineAttribute>()?.StateMachineType.GetMethod("MoveNext", Declared) ?? method;
        foreach (var (document, first, last) in reader.Lines(body))
        {
            // An optimised build has no sequence point on a body's opening brace, nor on the closing
            // one after a return: walk up over comments, one brace, the signature and its doc
            // comment; then down to the brace that closes the body.
            var lines = reader.TextOf(document);
            var (start, end) = (first, last);
            var block = lines[start - 1].Trim() == "{";
            if (SignatureLine(lines, first, method) is { } signature)
            {
                // Found by the member's name: a body that opens with a local constant or a switch has
                // no sequence point of its own above its first statement, so the walk below would stop early.
                var braceIndent = Indent(lines[signature - 1]) + "{";
                block = Enumerable.Range(signature, first - signature).Any(i => lines[i].TrimEnd() == braceIndent);
                start = signature;
                while (start > 1 && IsDeclarationLine(lines[start - 2]))
                {
                    start--;
                }
            }
            else
            {
                while (start > 1 && (IsDeclarationLine(lines[start - 2]) || (!block && lines[start - 2].Trim() == "{")))
                {
                    block |= lines[start - 2].Trim() == "{";
                    start--;
                }
            }

            var indent = Indent(lines[start - 1]);
            if (block && lines[end - 1] != indent + "}")
            {
                end = Array.FindIndex(lines, end - 1, l => l == indent + "}") + 1;
            }

            yield return new(document, start, Math.Max(end, last));
        }
    }

    // The 1-based line where the method is declared by name ("Name(" or "Name<T>("): the nearest above
    // its first statement and indented less, else the first statement's own line (an expression body
    // on the signature's line); null for accessors, or when it is not found. Looking above first
    // keeps a body whose first statement calls an overload ("return Forward(x, null);") whole.
    private static int? SignatureLine(string[] lines, int first, MethodBase method)
    {
        var name = method is ConstructorInfo ? ShortName(method.DeclaringType!) : method.Name;
        var declared = new Regex($@"\b{Regex.Escape(name)}\s*(<[^>]*>)?\s*\(");
        var depth = Indent(lines[first - 1]).Length;
        for (var line = first - 1; line >= 1 && line > first - 400; line--)
        {
            if (declared.IsMatch(lines[line - 1]) && Indent(lines[line - 1]).Length < depth)
            {
                return line;
            }
        }

        return declared.IsMatch(lines[first - 1]) ? first : null;
    }

    // Lines above a body that still belong to its member: signature, attributes, comments. A blank
    // line, a brace or a statement end marks the end of the member before it.
    private static bool IsDeclarationLine(string line)
    {
        var t = line.Trim();
        return t.Length > 0 && !t.EndsWith('{') && !t.EndsWith('}') && (!t.EndsWith(';') || t.StartsWith("//", StringComparison.Ordinal));
    }

    // Per file: the span of every member's code, widened to the type's declaration and closing brace.
    private static IEnumerable<LineRange> TypeRanges(SourceReader reader, Type type)
    {
        var declaration = new Regex($@"\b(class|struct|record|interface|enum)\s+{Regex.Escape(ShortName(type))}\b");
        var spans = AllTypes(type)
            .SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)))
            .Where(m => m.Module == type.Module)
            .SelectMany(reader.Lines)
            .GroupBy(l => l.Document)
            .Select(g => (Document: g.Key, First: g.Min(l => l.First), Last: g.Max(l => l.Last)))
            .ToList();

        // Types without code (interfaces, enums, records of auto-properties): search the files for the declaration.
        if (spans.Count == 0)
        {
            var file = reader.Documents.OrderByDescending(d => reader.PathOf(d).EndsWith("/" + ShortName(type) + ".cs", StringComparison.Ordinal));
            spans = file.Select(d => (d, Line: Array.FindIndex(reader.TextOf(d), l => declaration.IsMatch(l)) + 1))
                .Where(d => d.Line > 0).Take(1).Select(d => (d.d, d.Line, d.Line)).ToList();
        }

        foreach (var (document, first, last) in spans)
        {
            var lines = reader.TextOf(document);
            var start = first;
            while (start > 1 && !declaration.IsMatch(lines[start - 1]))
            {
                start--;
            }

            // A one-line declaration (a positional record) ends there; a body ends at the brace under its first letter.
            var indent = Indent(lines[start - 1]);
            var end = lines[start - 1].TrimEnd().EndsWith(';') ? start : Array.FindIndex(lines, last - 1, l => l == indent + "}") + 1;
            while (start > 1 && lines[start - 2].Trim() is var above && (above.StartsWith("//", StringComparison.Ordinal) || above.StartsWith('[')))
            {
                start--;
            }

            yield return new(document, start, Math.Max(end, last));
        }
    }

    private static string Indent(string line) => line[..(line.Length - line.TrimStart().Length)];

    // A type of this library by its short or full name; an unknown or ambiguous name says which exist.
    private static Type FindType(string name)
    {
        var types = typeof(Source).Assembly.GetTypes().Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute)) && !t.Name.StartsWith('<')).ToList();
        var matches = types.Where(t => t.FullName == name || ShortName(t) == name).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new ArgumentException($"The library has no type named '{name}'. Types with a similar name: {string.Join(", ", types.Where(t => t.Name.Contains(name[..Math.Min(4, name.Length)], StringComparison.OrdinalIgnoreCase)).Select(t => t.FullName).Order(StringComparer.Ordinal).Take(10))}.", nameof(name)),
            _ => throw new ArgumentException($"Several types are named '{name}': {string.Join(", ", matches.Select(t => t.FullName))}; give the full name.", nameof(name)),
        };
    }

    private static IEnumerable<Type> AllTypes(Type type) => type.GetNestedTypes(Declared).SelectMany(AllTypes).Prepend(type);

    // A declaration found by pattern inside a type's code, with its comment above and up to the line that ends it.
    private static SourceSnippet? Find(SourceSnippet within, Regex pattern)
    {
        var index = within.Lines.ToList().FindIndex(l => pattern.IsMatch(l));
        if (index < 0)
        {
            return null;
        }

        var (start, end) = (index, index);
        while (start > 0 && within.Lines[start - 1].TrimStart().StartsWith("//", StringComparison.Ordinal))
        {
            start--;
        }

        while (end < within.Lines.Count - 1 && !within.Lines[end].TrimEnd().EndsWith(';') && !within.Lines[end].TrimEnd().EndsWith('}'))
        {
            end++;
        }

        return new SourceSnippet(within.Path, within.FirstLine + start, within.Lines.Skip(start).Take(end - start + 1).ToArray());
    }

    // Overlapping or touching ranges of one file become one snippet (a property's get and set; overloads side by side).
    private static List<SourceSnippet> Merge(SourceReader reader, IEnumerable<LineRange> ranges)
    {
        var merged = new List<LineRange>();
        foreach (var r in ranges.OrderBy(r => reader.PathOf(r.Document), StringComparer.Ordinal).ThenBy(r => r.First))
        {
            if (merged.Count > 0 && merged[^1].Document == r.Document && r.First <= merged[^1].Last + 1)
            {
                merged[^1] = merged[^1] with { Last = Math.Max(merged[^1].Last, r.Last) };
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged.Select(r => new SourceSnippet(reader.PathOf(r.Document), r.First, reader.TextOf(r.Document)[(r.First - 1)..r.Last])).ToList();
    }

    private readonly record struct LineRange(DocumentHandle Document, int First, int Last);

    // "Foo" for Foo`1: the name as written in C#.
    private static string ShortName(Type type) => type.Name.Split('`')[0];
}
