using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Llm.Tests.Notebooks;

/// <summary>
/// Two small DLLs compiled on the spot: Greeter.dll, and Words.dll that it depends on, side by side in
/// one folder that the test host knows nothing about (as a notebook's library folder would be).
/// </summary>
internal static class TinyLibraries
{
    public static void Build(string folder)
    {
        var framework = Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.*.dll")
            .Append(typeof(object).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        var words = Emit(folder, "Words", "public static class Words { public static string Greeting => \"hello from Words\"; }", framework);
        Emit(folder, "Greeter", "public static class Greeter { public static string Hello() => Words.Greeting; }", [.. framework, words]);
    }

    private static MetadataReference Emit(string folder, string name, string code, List<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(code)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var path = Path.Combine(folder, name + ".dll");
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromFile(path);
    }
}
