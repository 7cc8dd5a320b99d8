using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Llm.Notebooks;

/// <summary>
/// Whether a cell shows a value: the kernel displays the last expression when it has no semicolon
/// and is not void (`x` shows x; `x;` and `Console.WriteLine(x)` show nothing themselves).
/// </summary>
internal static class CellValue
{
    /// <summary>The cell's own syntax tree (a script's compilation also holds the files it #loads).</summary>
    public static SyntaxTree Tree(Script script)
    {
        var compilation = script.GetCompilation();
        return compilation.SyntaxTrees.FirstOrDefault(t => t.ToString() == script.Code) ?? compilation.SyntaxTrees.Last();
    }

    /// <summary>The cell's last statement when it is an expression without a semicolon, else null.</summary>
    public static ExpressionStatementSyntax? TrailingExpression(SyntaxTree tree) =>
        tree.GetRoot().ChildNodes().LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement } &&
        statement.SemicolonToken.IsMissing
            ? statement
            : null;

    /// <summary>The type of the value the cell shows, or null when it shows none.</summary>
    public static ITypeSymbol? ResultType(Script script)
    {
        var tree = Tree(script);
        if (TrailingExpression(tree) is not { } statement)
        {
            return null;
        }

        var type = script.GetCompilation().GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is null || type.SpecialType == SpecialType.System_Void ? null : type;
    }
}
