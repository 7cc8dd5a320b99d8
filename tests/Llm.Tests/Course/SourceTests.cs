using System.Xml.Linq;
using Llm.Course;
using Llm.Display;
using Llm.Kernels;
using Llm.Models;
using Llm.Nn;
using Llm.Optim;
using Llm.Tests.Notebooks;

namespace Llm.Tests.Course;

/// <summary>
/// The source shown in a notebook is read from Llm.dll's embedded debug information; the truth it
/// must match is the repository's file, read here from disk.
/// </summary>
public class SourceTests
{
    public static TheoryData<Type, string, string> Members => new()
    {
        { typeof(Attention), nameof(Attention.ScaledDotProduct), "public static Tensor ScaledDotProduct(" },
        { typeof(AdamW), nameof(AdamW.Step), "public void Step(" },
        { typeof(Gpt), nameof(Gpt.Forward), "public Tensor Forward(int[] ids, int batch, int time, KvCache? cache = null)" },
        { typeof(Gpt), ".ctor", "public Gpt(GptConfig config)" },
        { typeof(Module), nameof(Module.NamedParameters), "public IEnumerable<Parameter> NamedParameters(" }, // an iterator
        { typeof(Dropout), nameof(Dropout.Calls), "public ulong Calls" }, // a property with a body
        { typeof(GptConfig), nameof(GptConfig.Layers), "public int Layers { get; init; } = 4;" }, // an auto-property
        { typeof(Tensor), nameof(Tensor.LayerNorm), "public Tensor LayerNorm(Tensor weight, Tensor bias, float eps = 1e-5f)" }, // its body opens with a local constant
    };

    [Theory]
    [MemberData(nameof(Members))]
    public void ShowsTheFilesOwnLines(Type type, string member, string expectedLine)
    {
        var listing = Source.Of(type, member);

        Assert.NotEmpty(listing.Snippets);
        foreach (var snippet in listing.Snippets)
        {
            AssertMatchesFile(snippet);
        }

        Assert.Contains(listing.Snippets.SelectMany(s => s.Lines), l => l.Contains(expectedLine, StringComparison.Ordinal));
    }

    [Fact]
    public void AMethodStartsAtItsDocCommentAndEndsAtItsBrace()
    {
        var snippet = Assert.Single(Source.Of(typeof(Attention), nameof(Attention.ScaledDotProduct)).Snippets);

        Assert.Equal("lib/Llm/Nn/Attention.cs", snippet.Path);
        Assert.StartsWith("    /// <summary>", snippet.Lines[0], StringComparison.Ordinal);
        Assert.Equal("    }", snippet.Lines[^1]);
        Assert.DoesNotContain(snippet.Lines, l => l.Contains("SplitHeads", StringComparison.Ordinal)); // the next method is not included
    }

    [Theory]
    [InlineData("Llm.Tensor", "LayerNorm", "    /// <summary>", "    public Tensor LayerNorm(")]                 // the body opens with a local constant, which has no code
    [InlineData("ReferenceBackend", "Derivative", "    // f'(x)", "    private static double Derivative(")] // the body opens with a switch
    [InlineData("GptBlock", "Forward", "    /// <summary>", "    public Tensor Forward(")]                  // the first statement calls another Forward
    public void AMethodIsShownFromItsCommentWhateverItsFirstStatement(string type, string member, string comment, string signature)
    {
        var snippet = Assert.Single(Source.Of(type, member).Snippets);

        AssertMatchesFile(snippet);
        Assert.StartsWith(comment, snippet.Lines[0], StringComparison.Ordinal);
        Assert.Contains(snippet.Lines, l => l.StartsWith(signature, StringComparison.Ordinal));
        Assert.Equal("    }", snippet.Lines[^1]);
    }

    [Fact]
    public void AWholeTypeRunsFromDeclarationToClosingBraceInEveryFile()
    {
        var listing = Source.Of(typeof(Attention));
        var snippet = Assert.Single(listing.Snippets);
        AssertMatchesFile(snippet);
        Assert.Equal(File.ReadAllLines(Path.Combine(NotebookFolder.RepoRoot, snippet.Path)).Length, snippet.LastLine); // up to the file's last brace
        Assert.Contains(snippet.Lines, l => l.StartsWith("public static class Attention", StringComparison.Ordinal));

        // A partial class spans several files; an interface has no code, only a declaration.
        var tensor = Source.Of(typeof(Tensor));
        Assert.True(tensor.Snippets.Select(s => s.Path).Distinct().Count() > 5);
        var backend = Assert.Single(Source.Of(typeof(Llm.Kernels.IBackend)).Snippets);
        AssertMatchesFile(backend);
        Assert.Equal("}", backend.Lines[^1]);
    }

    [Fact]
    public void AMethodGroupWorksToo()
    {
        var snippet = Assert.Single(Source.Of(Attention.SplitHeads).Snippets);
        AssertMatchesFile(snippet);
        Assert.Contains(snippet.Lines, l => l.Contains("public static Tensor SplitHeads(Tensor x, int heads)", StringComparison.Ordinal));
    }

    [Fact]
    public void AnInternalTypeIsNamedByItsName()
    {
        var snippet = Assert.Single(Source.Of("CpuBackend", "Softmax").Snippets);
        AssertMatchesFile(snippet);
        Assert.Equal("lib/Llm/Kernels/Softmax/Softmax.Cpu.cs", snippet.Path);
        Assert.Contains(snippet.Lines, l => l.Contains("TensorPrimitives.Max(row)", StringComparison.Ordinal));

        var error = Assert.Throws<ArgumentException>(() => Source.Of("CpuBacknd", "Softmax"));
        Assert.Contains("no type named 'CpuBacknd'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Llm.Kernels.CpuBackend", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheOverloadAMethodGroupNamesIsTheOneShown()
    {
        // Gpt.Forward has two overloads in one file; the delegate picks one by its parameters.
        var model = new Gpt(new GptConfig { VocabSize = 5, BlockSize = 4, Layers = 1, Heads = 1, Embd = 4 });
        var both = Source.Of(typeof(Gpt), nameof(Gpt.Forward)).Snippets.SelectMany(s => s.Lines).ToList();
        var one = Assert.Single(Source.Of((Func<int[], int, int, KvCache?, Tensor>)model.Forward).Snippets);
        AssertMatchesFile(one);
        Assert.Contains(one.Lines, l => l.Contains("public Tensor Forward(int[] ids, int batch, int time, KvCache? cache = null)", StringComparison.Ordinal));
        Assert.DoesNotContain(one.Lines, l => l.Contains("Loss) Forward(", StringComparison.Ordinal));
        Assert.Contains(both, l => l.Contains("Loss) Forward(", StringComparison.Ordinal));
    }

    [Fact]
    public void ExpressionBodiesRecordParametersAndTheCourseAreFoundToo()
    {
        // One line ending in ';' after a doc comment: an expression-bodied member.
        var run = Assert.Single(Source.Of(typeof(Llm.Kernels.LayerNormArgs), "Run").Snippets);
        AssertMatchesFile(run);
        Assert.StartsWith("    public static void Run(", run.Lines[^1].TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith("backend.LayerNorm(args);", run.Lines[^1], StringComparison.Ordinal);

        // A positional record's parameter is a property declared on the record's own line.
        var beta = Assert.Single(Source.Of(typeof(Llm.Kernels.MatMulArgs), "Beta").Snippets);
        Assert.Contains(beta.Lines, l => l.Contains("public readonly record struct MatMulArgs(", StringComparison.Ordinal));

        // The course's own assembly is read the same way.
        var chart = Source.Of(typeof(Llm.Charts.Chart));
        Assert.All(chart.Snippets, AssertMatchesFile);
        Assert.All(chart.Snippets, s => Assert.StartsWith("lib/Llm.Course/Charts/", s.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingMemberIsNamedWithTheOnesThatExist()
    {
        var error = Assert.Throws<ArgumentException>(() => Source.Of(typeof(Attention), "ScaledDotProdcut"));
        Assert.Contains("Attention has no member named 'ScaledDotProdcut'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ScaledDotProduct", error.Message, StringComparison.Ordinal);
        Assert.Contains("SplitHeads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DisplaysAsHighlightedHtmlAndPlainText()
    {
        var listing = Source.Of(typeof(Attention), nameof(Attention.ScaledDotProduct));
        var all = Formatting.FormatAll(listing);
        Assert.Equal(["text/html", "text/plain"], all.Select(x => x.MimeType));

        var html = all[0].Content;
        var root = XElement.Parse(html, LoadOptions.PreserveWhitespace); // well-formed: every piece of code was escaped
        Assert.Contains("lib/Llm/Nn/Attention.cs, lines ", root.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains(">public</span>", html, StringComparison.Ordinal);            // a keyword
        Assert.Contains("italic\">// Scaling q", html, StringComparison.Ordinal);      // a comment
        var snippet = listing.Snippets[0];
        Assert.Equal(string.Join("\n", snippet.Lines.Select(l => l.Trim())), string.Join("\n", root.Descendants("pre").Single().Value.Split('\n').Select(l => StripNumber(l).Trim())));

        var text = all[1].Content;
        Assert.StartsWith($"// lib/Llm/Nn/Attention.cs, lines {snippet.FirstLine}–{snippet.LastLine}\n", text, StringComparison.Ordinal);
        Assert.Contains($"{snippet.FirstLine + 1} │ /// softmax(q·kᵀ / √hs) · v, per batch and head.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void HighlighterKeepsStringsWhole()
    {
        var tokens = CSharpHighlighter.Tokens("var s = $\"a {(x ? \"b\" : \"c\")} d\"; // done").ToList();
        Assert.Contains(tokens, t => t.Text == "$\"a {(x ? \"b\" : \"c\")} d\"" && t.Style is not null);
        Assert.Contains(tokens, t => t.Text == "// done" && t.Style is not null);
        Assert.Equal("var s = $\"a {(x ? \"b\" : \"c\")} d\"; // done", string.Concat(tokens.Select(t => t.Text)));
    }

    private static string StripNumber(string line) => new(line.TrimStart().SkipWhile(char.IsDigit).ToArray());

    private static void AssertMatchesFile(SourceSnippet snippet)
    {
        var file = File.ReadAllLines(Path.Combine(NotebookFolder.RepoRoot, snippet.Path));
        Assert.Equal(file[(snippet.FirstLine - 1)..snippet.LastLine], snippet.Lines);
    }
}
