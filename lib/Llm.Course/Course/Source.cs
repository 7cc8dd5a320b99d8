using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Llm.Course;

/// <summary>
/// The library's own code, shown in a notebook cell: <c>Source.Of(typeof(Attention), nameof(Attention.ScaledDotProduct))</c>
/// displays that method, headed by its file (relative to the repository) and line numbers, with
/// syntax highlighting. The text comes from the debug information inside the loaded DLL (see
/// <see cref="SourceReader"/>), so it is exactly the code that runs, even without the repository;
/// a member's extent is read from the C# syntax tree of that text (Roslyn), from its doc comment
/// and attributes to its last brace.
/// </summary>
public static class Source
{
    /// <summary>
    /// A member of <paramref name="type"/> by name: every overload of a method, a property, an
    /// indexer (by its name, "this"), the constructors (".ctor" or the type's own name), a field, a
    /// constant, an event or a nested type. Throws, listing the members that exist, when there is none by that name.
    /// </summary>
    public static SourceListing Of(Type type, string member)
    {
        ArgumentNullException.ThrowIfNull(type);
        return OfMember(SourceTypes.Of(type), member);
    }

    /// <summary>
    /// A member of a library type named by its name, for types a notebook cannot write with typeof
    /// because they are internal: <c>Source.Of("CpuBackend", "Softmax")</c> shows the CPU kernel.
    /// </summary>
    public static SourceListing Of(string typeName, string member) => OfMember(SourceTypes.Named(typeName), member);

    /// <summary>A whole type: from its doc comment to its closing brace, in every file of a partial type.</summary>
    public static SourceListing Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var found = SourceTypes.Of(type);
        return new SourceListing(found.Name, found.Declarations.Select(d => d.Snippet(d.Node)).ToList());
    }

    /// <summary>A whole type named by its name (an internal one): <c>Source.Of("CpuStepMemory")</c>.</summary>
    public static SourceListing Of(string typeName)
    {
        var found = SourceTypes.Named(typeName);
        return new SourceListing(found.Name, found.Declarations.Select(d => d.Snippet(d.Node)).ToList());
    }

    /// <summary>One method, named by a method group: <c>Source.Of(Attention.SplitHeads)</c>; of several overloads, the one the group names.</summary>
    public static SourceListing Of(Delegate method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var m = method.Method;
        if (m.DeclaringType is null || m.IsDefined(typeof(CompilerGeneratedAttribute)) || m.Name.Contains('<', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{m.Name} is not a method of the library (a lambda or a method made by the compiler has no declaration to show); name a library method, e.g. Source.Of(Attention.SplitHeads).", nameof(method));
        }

        var found = SourceTypes.Of(m.DeclaringType);
        var candidates = found.Members(m.Name).ToList();

        // Overloads share a name: the debug information says which lines this one was compiled from.
        var lines = SourceReader.For(m.Module.Assembly).Lines(m).ToList();
        var chosen = candidates.Where(c => lines.Any(l => c.Declaration.Path == SourceReader.For(m.Module.Assembly).PathOf(l.Document) && c.Contains(l.First))).ToList();
        var shown = chosen.Count > 0 ? chosen : candidates;
        if (shown.Count == 0)
        {
            throw new ArgumentException($"{m.DeclaringType.Name}.{m.Name} has no declaration in the debug information of {m.Module.Assembly.GetName().Name}.", nameof(method));
        }

        return new SourceListing($"{found.Name}.{m.Name}", Merge(shown.Select(c => c.Declaration.Snippet(c.Node))));
    }

    private static SourceListing OfMember(SourceType type, string member)
    {
        var found = type.Members(member).ToList();
        if (found.Count == 0)
        {
            var names = type.MemberNames().Order(StringComparer.Ordinal);
            throw new ArgumentException($"{type.Name} has no member named '{member}' with code to show. Its members: {string.Join(", ", names)}.", nameof(member));
        }

        return new SourceListing($"{type.Name}.{member}", Merge(found.Select(f => f.Declaration.Snippet(f.Node))));
    }

    // Overlapping or touching snippets of one file become one (overloads side by side).
    private static List<SourceSnippet> Merge(IEnumerable<SourceSnippet> snippets)
    {
        var merged = new List<SourceSnippet>();
        foreach (var s in snippets.OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.FirstLine))
        {
            if (merged.Count > 0 && merged[^1].Path == s.Path && s.FirstLine <= merged[^1].LastLine + 2)
            {
                var last = merged[^1];
                var gap = s.FirstLine - last.LastLine - 1;
                var between = gap > 0 ? Enumerable.Repeat(string.Empty, gap) : [];
                var lines = last.Lines.Concat(between).Concat(s.Lines.Skip(Math.Max(0, last.LastLine - s.FirstLine + 1))).ToList();
                merged[^1] = last with { Lines = lines };
            }
            else
            {
                merged.Add(s);
            }
        }

        return merged;
    }
}

/// <summary>One declaration of a type (a partial type has one per file): its file and its syntax.</summary>
internal sealed record TypeDeclaration(string Path, string[] Lines, SyntaxTree Tree, MemberDeclarationSyntax Node)
{
    /// <summary>The lines of <paramref name="node"/>: from the first comment above it (its doc comment) to its last line.</summary>
    public SourceSnippet Snippet(SyntaxNode node)
    {
        var first = Tree.GetLineSpan(node.Span).StartLinePosition.Line;
        var last = Tree.GetLineSpan(node.Span).EndLinePosition.Line;
        var leadingStart = Tree.GetLineSpan(node.FullSpan).StartLinePosition.Line;

        // The comments right above belong to it; a blank line ends them.
        while (first > leadingStart && Lines[first - 1].TrimStart() is var above && (above.StartsWith("//", StringComparison.Ordinal) || above.StartsWith("/*", StringComparison.Ordinal) || above.StartsWith('*')))
        {
            first--;
        }

        return new SourceSnippet(Path, first + 1, Lines[first..(last + 1)]);
    }
}

/// <summary>A member found by name inside one declaration of its type.</summary>
internal sealed record FoundMember(TypeDeclaration Declaration, SyntaxNode Node)
{
    /// <summary>Whether 1-based <paramref name="line"/> of the file lies inside the member.</summary>
    public bool Contains(int line)
    {
        var span = Declaration.Tree.GetLineSpan(Node.Span);
        return line - 1 >= span.StartLinePosition.Line && line - 1 <= span.EndLinePosition.Line;
    }
}

/// <summary>A type of the library as written: its name and every declaration of it.</summary>
internal sealed record SourceType(string Name, IReadOnlyList<TypeDeclaration> Declarations)
{
    public IEnumerable<FoundMember> Members(string name) => Declarations.SelectMany(d => MembersOf(d.Node).Where(m => Named(m, name)).Select(m => new FoundMember(d, m)));

    public IEnumerable<string> MemberNames() => Declarations.SelectMany(d => MembersOf(d.Node)).SelectMany(NamesOf).Distinct();

    // The members written inside the type's braces, and, for a positional record, its parameters (they are properties).
    private static IEnumerable<SyntaxNode> MembersOf(MemberDeclarationSyntax type) => type switch
    {
        TypeDeclarationSyntax t => t.Members.Cast<SyntaxNode>().Concat(t.ParameterList?.Parameters.Cast<SyntaxNode>() ?? []),
        EnumDeclarationSyntax e => e.Members,
        _ => [],
    };

    private bool Named(SyntaxNode member, string name) =>
        NamesOf(member).Contains(name) || (name is ".ctor" && member is ConstructorDeclarationSyntax) || (name == ShortName && member is ConstructorDeclarationSyntax);

    private string ShortName => Name.Split('.')[^1];

    private static IEnumerable<string> NamesOf(SyntaxNode member) => member switch
    {
        MethodDeclarationSyntax m => [m.Identifier.Text],
        PropertyDeclarationSyntax p => [p.Identifier.Text],
        IndexerDeclarationSyntax => ["this"],
        FieldDeclarationSyntax f => f.Declaration.Variables.Select(v => v.Identifier.Text),
        EventFieldDeclarationSyntax e => e.Declaration.Variables.Select(v => v.Identifier.Text),
        EventDeclarationSyntax e => [e.Identifier.Text],
        BaseTypeDeclarationSyntax t => [t.Identifier.Text],
        DelegateDeclarationSyntax d => [d.Identifier.Text],
        ConstructorDeclarationSyntax c => [c.Identifier.Text],
        EnumMemberDeclarationSyntax e => [e.Identifier.Text],
        ParameterSyntax p => [p.Identifier.Text],
        _ => [],
    };
}

/// <summary>
/// The types declared in the library's source, found in the syntax trees of the files each
/// assembly's debug information holds (the engine, Llm.dll, and the course, Llm.Course.dll).
/// </summary>
internal static class SourceTypes
{
    private static readonly Lock Gate = new();

    /// <summary>The declarations of <paramref name="type"/> (of a generic, its definition).</summary>
    public static SourceType Of(Type type)
    {
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        var key = (definition.FullName ?? definition.Name).Split('[')[0];
        var all = Index(definition.Assembly);
        return all.TryGetValue(key, out var declarations)
            ? new SourceType(ShortName(key), declarations)
            : throw new ArgumentException($"No source of {key} was found in the debug information of {definition.Assembly.GetName().Name}: it has no declaration there (build it with <EmbedAllSources>true</EmbedAllSources>).", nameof(type));
    }

    /// <summary>A type by its short name (CpuBackend) or full name (Llm.Kernels.CpuBackend); an unknown or ambiguous name says which exist.</summary>
    public static SourceType Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var all = LibraryAssemblies().SelectMany(a => Index(a)).ToList();
        var matches = all.Where(t => t.Key == name || ShortName(t.Key) == name).ToList();
        return matches.Count switch
        {
            1 => new SourceType(ShortName(matches[0].Key), matches[0].Value),
            0 => throw new ArgumentException($"The library has no type named '{name}'. Types with a similar name: {string.Join(", ", all.Select(t => t.Key).Where(k => ShortName(k).Contains(name[..Math.Min(4, name.Length)], StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).Take(10))}.", nameof(name)),
            _ => throw new ArgumentException($"Several types are named '{name}': {string.Join(", ", matches.Select(t => t.Key))}; give the full name.", nameof(name)),
        };
    }

    private static readonly Dictionary<Assembly, Dictionary<string, List<TypeDeclaration>>> Indexes = [];

    // Full name (Namespace.Outer+Inner, `n for generics, as Type.FullName writes it) → its declarations, per assembly.
    private static Dictionary<string, List<TypeDeclaration>> Index(Assembly assembly)
    {
        lock (Gate)
        {
            if (Indexes.TryGetValue(assembly, out var index))
            {
                return index;
            }

            index = [];
            var reader = SourceReader.For(assembly);
            foreach (var document in reader.Documents)
            {
                var path = reader.PathOf(document);
                if (!path.EndsWith(".cs", StringComparison.Ordinal))
                {
                    continue;
                }

                var lines = reader.TextOf(document);
                var tree = CSharpSyntaxTree.ParseText(string.Join("\n", lines), path: path);
                foreach (var node in tree.GetRoot().DescendantNodes().OfType<MemberDeclarationSyntax>().Where(n => n is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax))
                {
                    var key = FullName(node);
                    if (!index.TryGetValue(key, out var list))
                    {
                        index[key] = list = [];
                    }

                    list.Add(new TypeDeclaration(path, lines, tree, node));
                }
            }

            Indexes[assembly] = index;
            return index;
        }
    }

    private static string FullName(MemberDeclarationSyntax node)
    {
        var name = node switch
        {
            BaseTypeDeclarationSyntax t => t.Identifier.Text + Arity((t as TypeDeclarationSyntax)?.TypeParameterList),
            DelegateDeclarationSyntax d => d.Identifier.Text + Arity(d.TypeParameterList),
            _ => "?",
        };
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            name = parent switch
            {
                BaseTypeDeclarationSyntax t => $"{t.Identifier.Text}{Arity((t as TypeDeclarationSyntax)?.TypeParameterList)}+{name}",
                BaseNamespaceDeclarationSyntax n => $"{n.Name}.{name}",
                _ => name,
            };
        }

        return name;
    }

    private static string Arity(TypeParameterListSyntax? list) => list is { Parameters.Count: > 0 } ? $"`{list.Parameters.Count}" : string.Empty;

    // "Attention" for Llm.Nn.Attention, "Inner" for Outer+Inner, "KvCache" for KvCache`1.
    private static string ShortName(string fullName) => fullName.Split('.', '+')[^1].Split('`')[0];

    private static IEnumerable<Assembly> LibraryAssemblies() =>
        AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name is "Llm" or "Llm.Course").Append(typeof(Tensor).Assembly).Append(typeof(Source).Assembly).Distinct();
}
