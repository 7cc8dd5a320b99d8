using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Llm.Tests.Architecture;

/// <summary>
/// The engine's folders in reading order, and a check that each file uses only what is declared in
/// its own folder or in folders before it. The sources are compiled here with Roslyn and every name,
/// operator, indexer and constructor a file uses is resolved to where it is declared: a member of
/// the partial class Tensor counts where that member is written (Tensor.LayerNorm in Ops, Tensor.Grad
/// in Autograd), so the partial class cannot hide a dependency that runs the wrong way.
/// </summary>
internal static class EngineLayers
{
    /// <summary>
    /// Kernels first: an op calls its kernel, so the kernels (and the Storage, Device and Shape they
    /// work on) sit under the tensor. Tokenizers need nothing; Data (batches) needs only tensors'
    /// random generator; Serialization reads and writes models.
    /// </summary>
    public static readonly string[] Order =
        ["Kernels", "Tokenizers", "Tensors", "Data", "Autograd", "Ops", "Nn", "Models", "Serialization", "Optim", "Training", "Generation"];

    /// <summary>The one file of the engine that may read environment variables: finding the CUDA libraries as the system loader does (LD_LIBRARY_PATH, CUDA_PATH).</summary>
    public const string EnvironmentReader = "Kernels/Cuda/CudaSearchEnvironment.cs";

    private static readonly HashSet<string> KernelMethods =
    [
        "Fill", "CopyBlocks", "Transpose", "Binary", "SumTo", "Unary", "UnaryBackward", "MaskedFill", "MatMul", "Softmax", "SoftmaxBackward",
        "CrossEntropy", "CrossEntropyBackward", "LayerNorm", "LayerNormBackward", "Embedding", "EmbeddingBackward", "Dropout", "AdamW", "SumOfSquares", "Attention", "AttentionBackward",
    ];

    // Errors that leave a name unresolved. (Others are expected: the [LibraryImport] and
    // [GeneratedRegex] methods come from source generators, which do not run here.)
    private static readonly HashSet<string> Unresolved = ["CS0103", "CS0117", "CS0234", "CS0246", "CS1061", "CS0012", "CS0122"];

    public sealed record Violation(string File, int Line, string What)
    {
        public override string ToString() => $"{File}:{Line}: {What}";
    }

    /// <summary>The engine's source files on disk (lib/Llm), as paths relative to it and their text.</summary>
    public static List<(string Path, string Text)> EngineSources(string engineRoot) =>
        Directory.EnumerateFiles(engineRoot, "*.cs", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(engineRoot, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
            .Where(f => !f.Path.StartsWith("bin/", StringComparison.Ordinal) && !f.Path.StartsWith("obj/", StringComparison.Ordinal))
            .ToList();

    /// <summary>Compiles <paramref name="sources"/> as the engine and lists every use that breaks the layering.</summary>
    public static List<Violation> Check(IReadOnlyList<(string Path, string Text)> sources) => Check(Compile(sources), onlyFile: null);

    /// <summary>
    /// Lists every use that breaks the layering in <paramref name="compilation"/>'s files (or in the one
    /// named). Its code must compile: a name that does not resolve could not be checked.
    /// </summary>
    public static List<Violation> Check(CSharpCompilation compilation, string? onlyFile)
    {
        var violations = new List<Violation>();
        foreach (var tree in compilation.SyntaxTrees.Where(t => t.FilePath.Length > 0 && (onlyFile is null || t.FilePath == onlyFile)))
        {
            var folder = FolderOf(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            var unresolved = model.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && Unresolved.Contains(d.Id)).Take(5).ToList();
            if (unresolved.Count > 0)
            {
                throw new InvalidOperationException("Names in the engine do not resolve here, so they cannot be checked: " + string.Join("; ", unresolved));
            }

            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (Used(model, node) is not { } symbol)
                {
                    continue;
                }

                var line = tree.GetLineSpan(node.Span).StartLinePosition.Line + 1;
                var declared = DeclaredIn(symbol);
                if (declared.Count > 0 && !declared.Any(d => Allowed(folder, d)))
                {
                    violations.Add(new(tree.FilePath, line, $"{folder} uses {symbol.ToDisplayString()}, declared in {string.Join(" and ", declared)}"));
                }

                var invoked = node.Parent is InvocationExpressionSyntax || (node.Parent is MemberAccessExpressionSyntax access && access.Name == node && access.Parent is InvocationExpressionSyntax);
                if (folder != "Kernels" && invoked && symbol is IMethodSymbol { ContainingType.Name: "IBackend" } call && KernelMethods.Contains(call.Name))
                {
                    violations.Add(new(tree.FilePath, line, $"calls IBackend.{call.Name} directly; call kernels with backend.Run(args), so that observers (profiles, checks) see every call"));
                }

                if (symbol is IMethodSymbol { Name: "GetEnvironmentVariable", ContainingType.Name: "Environment" } && tree.FilePath != EnvironmentReader)
                {
                    violations.Add(new(tree.FilePath, line, "reads an environment variable; the engine takes settings as arguments (the command line and the course read the environment)"));
                }
            }
        }

        return violations.Distinct().ToList();
    }

    /// <summary>The folder a file belongs to: the first part of its path under lib/Llm.</summary>
    public static string FolderOf(string path) => path.Split('/')[0];

    private static bool Allowed(string user, string used) =>
        user == used || (Array.IndexOf(Order, used) is var u and >= 0 && Array.IndexOf(Order, user) is var f and >= 0 && u < f);

    // The symbol a node names, for the nodes that name something: identifiers, operators, indexers, `new(…)`.
    private static ISymbol? Used(SemanticModel model, SyntaxNode node)
    {
        if (node is not (SimpleNameSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or ElementAccessExpressionSyntax or ImplicitObjectCreationExpressionSyntax or ObjectCreationExpressionSyntax))
        {
            return null;
        }

        var symbol = model.GetSymbolInfo(node).Symbol;
        return symbol switch
        {
            IMethodSymbol { ReducedFrom: { } extension } => extension,
            null => null,
            _ => symbol.OriginalDefinition,
        };
    }

    // The engine folders where a symbol is written: a member where it is declared; a type in every
    // folder that holds part of it; a member the compiler made (a record's Deconstruct) where its type is.
    private static List<string> DeclaredIn(ISymbol symbol)
    {
        if (symbol is INamespaceSymbol or ILocalSymbol or IParameterSymbol or ITypeParameterSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol)
        {
            return [];
        }

        var references = symbol.DeclaringSyntaxReferences;
        if (references.Length == 0 && symbol is not ITypeSymbol)
        {
            references = symbol.ContainingType?.DeclaringSyntaxReferences ?? [];
        }

        return references.Select(r => r.SyntaxTree.FilePath).Where(p => p.Length > 0).Select(FolderOf).Distinct().ToList();
    }

    public static CSharpCompilation Compile(IReadOnlyList<(string Path, string Text)> sources)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)).ToList();

        // The SDK's implicit usings for a class library (ImplicitUsings in Directory.Build.props).
        trees.Add(CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
            options));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        return CSharpCompilation.Create(
            "Llm",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
    }
}
