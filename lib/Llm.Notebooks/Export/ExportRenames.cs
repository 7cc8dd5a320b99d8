using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Llm.Notebooks.Export;

/// <summary>A replacement of one span of a cell's code.</summary>
internal sealed record TextEdit(TextSpan Span, string NewText);

/// <summary>
/// Renames what a cell declares again. In a notebook each cell is its own script submission, so
/// a later `var model = …` hides the earlier one; in one program's top-level statements that is
/// error CS0128. The second declaration of `model` and every use of it become `model2`, found by
/// the compiler's binding (not by text), so uses of the first `model` keep their name.
/// A local inside a cell's loop, block or query is renamed too when a cell's top-level name is
/// the same (<see cref="NestedLocals"/>): see there why a program rejects what a notebook allows.
/// </summary>
internal static class ExportRenames
{
    public static List<TextEdit>[] Find(IReadOnlyList<(SyntaxTree Tree, Compilation Compilation)> cells)
    {
        var models = cells.Select(c => c.Compilation.GetSemanticModel(c.Tree)).ToArray();
        var declared = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var root = cells[i].Tree.GetRoot();
            taken.UnionWith(root.DescendantTokens().Where(t => t.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken).Select(t => t.ValueText));
            foreach (var node in root.DescendantNodes())
            {
                if (IsDeclaration(node) && TopLevel(models[i].GetDeclaredSymbol(node)) is { } symbol)
                {
                    var keys = declared.TryGetValue(symbol.Name, out var list) ? list : declared[symbol.Name] = [];
                    if (!keys.Contains(Key(symbol)))
                    {
                        keys.Add(Key(symbol));
                    }
                }
            }
        }

        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, keys) in declared)
        {
            foreach (var key in keys.Skip(1))
            {
                renamed[key] = FreshName(name, taken);
            }
        }

        var topLevelNames = declared.Where(d => d.Value.Any(key => !key.Contains($".{SymbolKind.NamedType}.", StringComparison.Ordinal))).Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        return cells.Select((cell, i) => Edits(cell.Tree, models[i], renamed, NestedLocals.Find(cell.Tree, models[i], topLevelNames, taken))).ToArray();
    }

    private static List<TextEdit> Edits(SyntaxTree tree, SemanticModel model, Dictionary<string, string> renamed, Dictionary<ISymbol, string> locals)
    {
        var edits = new List<TextEdit>();
        if (renamed.Count == 0 && locals.Count == 0)
        {
            return edits;
        }

        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            var (symbol, identifier) = node switch
            {
                SimpleNameSyntax name => (model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault(), name.Identifier),
                ConstructorDeclarationSyntax constructor => (model.GetDeclaredSymbol(constructor)?.ContainingType, constructor.Identifier),
                _ when IsDeclaration(node) => (model.GetDeclaredSymbol(node), Identifier(node)),
                _ => (null, default),
            };
            if (TopLevel(symbol) is { } top && renamed.TryGetValue(Key(top), out var newName))
            {
                edits.Add(new TextEdit(identifier.Span, newName));
            }
            else if (symbol is not null && locals.TryGetValue(symbol, out var localName))
            {
                edits.Add(new TextEdit(identifier.Span, localName));
            }
        }

        return edits;
    }

    internal static bool IsDeclaration(SyntaxNode node) => node is VariableDeclaratorSyntax or SingleVariableDesignationSyntax
        or MethodDeclarationSyntax or BaseTypeDeclarationSyntax or DelegateDeclarationSyntax
        or ForEachStatementSyntax or CatchDeclarationSyntax or QueryClauseSyntax or JoinIntoClauseSyntax or QueryContinuationSyntax;

    internal static SyntaxToken Identifier(SyntaxNode node) => node switch
    {
        VariableDeclaratorSyntax v => v.Identifier,
        SingleVariableDesignationSyntax d => d.Identifier,
        MethodDeclarationSyntax m => m.Identifier,
        BaseTypeDeclarationSyntax t => t.Identifier,
        DelegateDeclarationSyntax d => d.Identifier,
        ForEachStatementSyntax f => f.Identifier,
        CatchDeclarationSyntax c => c.Identifier,
        FromClauseSyntax f => f.Identifier,
        LetClauseSyntax l => l.Identifier,
        JoinClauseSyntax j => j.Identifier,
        JoinIntoClauseSyntax j => j.Identifier,
        QueryContinuationSyntax q => q.Identifier,
        _ => default,
    };

    /// <summary>A name no cell uses yet: <paramref name="name"/>2, 3, … (recorded in <paramref name="taken"/>).</summary>
    internal static string FreshName(string name, HashSet<string> taken)
    {
        var suffix = 1;
        string candidate;
        do
        {
            candidate = $"{name}{++suffix}";
        }
        while (!taken.Add(candidate));

        return candidate;
    }

    /// <summary>The symbol if a cell declares it at its top level (a member of the submission's script class), else null.</summary>
    internal static ISymbol? TopLevel(ISymbol? symbol)
    {
        // Locals and local functions inside a cell's methods also have the script class as their
        // containing type; only members of the class itself are the cell's top-level names.
        var definition = symbol?.OriginalDefinition;
        return definition is IFieldSymbol or INamedTypeSymbol or IPropertySymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary } &&
               definition.ContainingType is { IsScriptClass: true }
            ? definition
            : null;
    }

    internal static string Key(ISymbol symbol) => $"{symbol.ContainingType!.MetadataName}.{symbol.Kind}.{symbol.Name}";
}
