using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Llm.Notebooks.Export;

/// <summary>
/// The cells' methods that a type calls. In a notebook a method written at a cell's top level is
/// a member of the submission, and a class in a later cell may call it (notebook 16's MyGpt calls
/// the learner's MyCausalSelfAttention). In a program the same method is a local function of Main,
/// which no type can see (error CS8801). Such a method, and every cell method it calls in turn,
/// moves into a static class that the app imports with `using static`, so every call keeps its text.
/// Moving is always safe: a class in a script may call the script's static methods only, and a
/// static method reads no cell's variable (those are the submission's instance fields).
/// </summary>
internal static class HoistedMethods
{
    /// <summary>The declarations to move, as (cell, span of the method in that cell's code).</summary>
    public static HashSet<(int Cell, TextSpan Span)> Find(IReadOnlyList<(SyntaxTree Tree, Compilation Compilation)> cells)
    {
        var models = cells.Select(c => c.Compilation.GetSemanticModel(c.Tree)).ToArray();
        var declarations = new Dictionary<string, List<(int Cell, MethodDeclarationSyntax Method)>>(StringComparer.Ordinal);   // overloads share a key
        var calledFromTypes = new List<string>();
        for (var i = 0; i < cells.Count; i++)
        {
            foreach (var member in ((CompilationUnitSyntax)cells[i].Tree.GetRoot()).Members)
            {
                if (member is MethodDeclarationSyntax method && models[i].GetDeclaredSymbol(method) is { } symbol)
                {
                    var key = ExportRenames.Key(symbol);
                    (declarations.TryGetValue(key, out var list) ? list : declarations[key] = []).Add((i, method));
                }
                else if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                {
                    calledFromTypes.AddRange(CellMethodsCalledBy(member, models[i]).Select(ExportRenames.Key));
                }
            }
        }

        var hoisted = new HashSet<(int Cell, TextSpan Span)>();
        var pending = new Queue<string>(calledFromTypes);
        while (pending.TryDequeue(out var key))
        {
            foreach (var (cell, method) in declarations.GetValueOrDefault(key) ?? [])
            {
                if (hoisted.Add((cell, method.Span)))
                {
                    foreach (var used in CellMethodsCalledBy(method, models[cell]))
                    {
                        pending.Enqueue(ExportRenames.Key(used));
                    }
                }
            }
        }

        return hoisted;
    }

    /// <summary>The cells' top-level methods that the code of <paramref name="node"/> calls.</summary>
    private static IEnumerable<ISymbol> CellMethodsCalledBy(SyntaxNode node, SemanticModel model) =>
        node.DescendantNodes().OfType<SimpleNameSyntax>()
            .Select(name => ExportRenames.TopLevel(model.GetSymbolInfo(name).Symbol))
            .OfType<IMethodSymbol>();
}
