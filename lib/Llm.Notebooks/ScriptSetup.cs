using System.Collections.Immutable;
using System.Reflection;
using Llm.Notebooks.Kernel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Llm.Notebooks;

/// <summary>
/// The Roslyn scripting options a notebook's cells compile with, matching the kernel: the .NET
/// shared framework as references, the kernel's default usings, and #r / #load paths resolved
/// against the notebook's folder (VS Code starts the kernel there).
/// </summary>
public static class ScriptSetup
{
    /// <summary>The kernel's usings, plus the namespace of display(...) and its extension methods.</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
        typeof(KernelGlobals).Namespace!,
    ];

    // Built once per process: reading the metadata of ~170 assemblies is the slow part of a first cell.
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(LoadFrameworkReferences);

    public static ScriptOptions Options(string notebookDirectory) => ScriptOptions.Default
        .WithReferences(FrameworkReferences.Value)
        .AddReferences(typeof(KernelGlobals).Assembly)
        .WithImports(DefaultImports)
        .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(notebookDirectory))
        .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, notebookDirectory))
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithOptimizationLevel(OptimizationLevel.Release);

    /// <summary>
    /// Every assembly of the running shared framework (Microsoft.NETCore.App), as a net10.0
    /// project sees it. Not the whole process's list: that holds the host's own copies of
    /// libraries (Llm.dll among them), which would clash with the cells' #r.
    /// </summary>
    private static ImmutableArray<MetadataReference> LoadFrameworkReferences()
    {
        var folder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            try
            {
                AssemblyName.GetAssemblyName(path);
                references.Add(MetadataReference.CreateFromFile(path));
            }
            catch (BadImageFormatException)
            {
                // A native library next to the managed ones: not a reference.
            }
        }

        return references.ToImmutable();
    }
}
