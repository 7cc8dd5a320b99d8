using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Llm.Notebooks.Export;

/// <summary>
/// The locals of a cell's loops, blocks, catch clauses and queries that must be renamed in one
/// program. In a notebook a cell's top-level variables are fields of its submission, and a local
/// may hide a field. In a program they are all locals of Main, and a local's scope is its whole
/// block, before its declaration as well as after: a loop that declares `probs` inside a Main that
/// declares `probs` anywhere, in an earlier cell or a later one, is error CS0136 (CS1931 for a
/// query's range variable). Lambdas and local functions may hide an outer local since C# 8, so
/// their own locals keep their names.
/// </summary>
internal static class NestedLocals
{
    /// <summary>Each local of the cell whose name is one of <paramref name="topLevelNames"/>, with the new name it gets.</summary>
    public static Dictionary<ISymbol, string> Find(SyntaxTree tree, SemanticModel model, HashSet<string> topLevelNames, HashSet<string> taken)
    {
        var renamed = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
        foreach (var node in tree.GetRoot().DescendantNodes().Where(ExportRenames.IsDeclaration))
        {
            if (model.GetDeclaredSymbol(node) is { Kind: SymbolKind.Local or SymbolKind.RangeVariable } local &&
                topLevelNames.Contains(local.Name) && InTopLevelCode(node) && !renamed.ContainsKey(local))
            {
                renamed[local] = ExportRenames.FreshName(local.Name, taken);
            }
        }

        return renamed;
    }

    /// <summary>True when the code around the node becomes Main's body: no lambda, local function or member lies between them.</summary>
    private static bool InTopLevelCode(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax)
            is GlobalStatementSyntax or FieldDeclarationSyntax { Parent: CompilationUnitSyntax };
}
