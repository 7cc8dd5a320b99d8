using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Llm.Notebooks.Export;

/// <summary>
/// The Roslyn scripting options the exporter compiles a notebook's cells with, to see them as the
/// kernel does (which names each cell declares, whether its last expression has a value): the .NET
/// shared framework and the kernel's own assemblies as references, the kernel's default usings with
/// its helpers (display, HTML), and #r / #load paths resolved against the notebook's folder.
/// </summary>
public static class ScriptSetup
{
    /// <summary>The usings the kernel gives every cell (what an exported app must write out).</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
    ];


    // Built once per process: reading the metadata of ~170 assemblies is the slow part of a first cell.
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(LoadFrameworkReferences);

    public static ScriptOptions Options(string notebookDirectory) => ScriptOptions.Default
        .WithReferences(FrameworkReferences.Value)
        .AddReferences(typeof(Microsoft.DotNet.Interactive.Kernel).Assembly, typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly, typeof(Microsoft.AspNetCore.Html.IHtmlContent).Assembly)
        .WithImports(DefaultImports)
        .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(notebookDirectory))
        .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, notebookDirectory))
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithOptimizationLevel(OptimizationLevel.Release);

    /// <summary>
    /// The first submission, as the kernel's UseKernelHelpers makes it: its helpers (display, HTML)
    /// in scope for every cell after it. (Script imports cannot name a static class.)
    /// </summary>
    public static Script KernelHelpers(ScriptOptions options) =>
        CSharpScript.Create($"using static {typeof(Microsoft.DotNet.Interactive.Kernel).FullName};", options);

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
