using Llm.Tests.Notebooks;

namespace Llm.Tests.Architecture;

/// <summary>
/// The engine's layout is a fact, not a description: it references nothing of the course, the
/// notebooks or the command line, and each of its folders uses only the folders before it in
/// reading order (see <see cref="EngineLayers.Order"/> and docs/reading-the-library.md).
/// </summary>
public class LayeringTests
{
    private static readonly string EngineRoot = Path.Combine(NotebookFolder.RepoRoot, "lib", "Llm");

    // Compiling the engine takes a few seconds: once for all the tests here.
    private static readonly Lazy<Microsoft.CodeAnalysis.CSharp.CSharpCompilation> Engine = new(() => EngineLayers.Compile(EngineLayers.EngineSources(EngineRoot)));

    [Fact]
    public void TheEngineReferencesOnlyTheRuntime()
    {
        // System.Numerics.Tensors is the runtime's SIMD library (TensorPrimitives), shipped as a package.
        var references = typeof(Tensor).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(name == "System" || name.StartsWith("System.", StringComparison.Ordinal) || name == "netstandard", $"Llm.dll references {name}"));
        Assert.DoesNotContain(references, name => name.StartsWith("Llm", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryEngineFolderIsInTheReadingOrder()
    {
        var folders = Directory.GetDirectories(EngineRoot).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Order(StringComparer.Ordinal);
        Assert.Equal(EngineLayers.Order.Order(StringComparer.Ordinal), folders);
        Assert.Empty(Directory.GetFiles(EngineRoot, "*.cs")); // every file sits in a folder of the order
    }

    [Fact]
    public void EachFolderUsesOnlyTheFoldersBeforeIt()
    {
        var violations = EngineLayers.Check(Engine.Value, onlyFile: null);
        Assert.True(violations.Count == 0, $"{violations.Count} uses against the layering:\n" + string.Join("\n", violations.Take(40)));
    }

    [Theory]
    [InlineData("Kernels/Bad.cs", "namespace Llm.Kernels; static class Bad { static Llm.Tensor Up(Llm.Tensor x) => x.Relu(); }", "Kernels uses Llm.Tensor.Relu()")]
    [InlineData("Tensors/Bad.cs", "namespace Llm; public sealed partial class Tensor { void Bad() => Backward(); }", "Tensors uses Llm.Tensor.Backward(Llm.Tensor?, bool)")]
    [InlineData("Nn/Bad.cs", "namespace Llm.Nn; static class Bad { static object Up() => new Llm.Training.TrainerOptions(); }", "Nn uses Llm.Training.TrainerOptions")]
    [InlineData("Ops/Bad.cs", "namespace Llm; public sealed partial class Tensor { void Bad() => Backend.Fill(new Llm.Kernels.FillArgs(Storage, 0, 1, 0f)); }", "calls IBackend.Fill directly")]
    [InlineData("Models/Bad.cs", "namespace Llm.Models; static class Bad { static string? Up() => System.Environment.GetEnvironmentVariable(\"LLM_X\"); }", "reads an environment variable")]
    public void ADeliberateViolationIsCaught(string path, string code, string expected)
    {
        var bad = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(code, new(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest), path);
        var compilation = Engine.Value.AddSyntaxTrees(bad);

        var violations = EngineLayers.Check(compilation, onlyFile: path);

        Assert.Contains(violations, v => v.What.Contains(expected, StringComparison.Ordinal));
        Assert.All(violations, v => Assert.Equal(path, v.File));
    }
}
