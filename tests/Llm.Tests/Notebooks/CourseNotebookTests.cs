using System.Text.Json.Nodes;
using Llm.Notebooks;
using Microsoft.DotNet.Interactive.Documents;

namespace Llm.Tests.Notebooks;

/// <summary>
/// The course itself: every notebook runs from top to bottom in quick mode in the .NET Interactive
/// C# kernel (the runner hosts it in process), without an error, a compiler warning, output on
/// stderr or a live view stuck before its last frame; has the metadata Polyglot Notebooks writes,
/// shows at least one picture, checks at least one exercise, and runs its solutions. The committed
/// files carry their executed outputs, with none of those faults either.
/// </summary>
[Collection(NotebookCollection.Name)]
public class CourseNotebookTests
{
    private static readonly string[] Names =
    [
        "00-start-here.ipynb",
        "01-a-simple-neural-network.ipynb",
        "02-how-networks-are-trained.ipynb",
        "03-how-a-model-generates-language.ipynb",
        "04-what-makes-llms-work.ipynb",
        "05-embeddings.ipynb",
        "06-subword-tokenizers.ipynb",
        "07-self-attention.ipynb",
        "08-softmax.ipynb",
        "09-residual-connections.ipynb",
        "10-layer-normalization.ipynb",
        "11-dropout.ipynb",
        "12-multi-head-attention.ipynb",
        "13-positional-embeddings.ipynb",
        "14-gpt-architecture.ipynb",
        "15-transformer-architecture.ipynb",
        "16-your-own-gpt.ipynb",
    ];

    public static TheoryData<string> Notebooks => new(Names);

    private static string PathOf(string name) => Path.Combine(NotebookFolder.RepoRoot, "notebooks", name);

    [Fact]
    public void TheCourseFolderHoldsExactlyTheSeventeenNotebooks()
    {
        var present = Directory.GetFiles(Path.Combine(NotebookFolder.RepoRoot, "notebooks"), "*.ipynb").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(Names.Order(), present);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task RunsInQuickModeWithPicturesExercisesAndSolutions(string name)
    {
        var result = await new NotebookRunner { Quick = true }.RunFileAsync(PathOf(name));
        Assert.True(result.Succeeded, $"{name}: {result.FailureMessage}");
        Assert.DoesNotContain(result.Cells, c => c.Status is CellStatus.Skipped or CellStatus.NotRun);
        var cells = result.Notebook.Elements;
        Assert.DoesNotContain(cells.SelectMany(c => c.Outputs), o => o is TextElement { Name: "stderr" });

        var outputs = cells.SelectMany(c => c.Outputs).OfType<DisplayElement>().ToArray();
        Assert.True(outputs.Any(IsPicture), $"{name} shows no picture (an SVG or PNG display).");

        var code = cells.Where(c => !NotebookFile.IsMarkdown(c)).Select(c => c.Contents).ToArray();
        Assert.True(code.Any(s => s.Contains("Exercise.Check(", StringComparison.Ordinal)), $"{name} has no exercise check.");
        Assert.True(code.Any(s => s.Contains("Exercise.Solution(", StringComparison.Ordinal)), $"{name} has no solution cell.");
        Assert.Contains(cells, c => NotebookFile.IsMarkdown(c) && c.Contents.Contains("## Solutions", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void HasPolyglotMetadataAndCommittedOutputs(string name)
    {
        var json = JsonNode.Parse(File.ReadAllText(PathOf(name)))!.AsObject();
        Assert.Equal(4, json["nbformat"]!.GetValue<int>());
        Assert.Equal(".net-csharp", json["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", json["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        var cells = json["cells"]!.AsArray().Select(c => c!.AsObject()).ToArray();
        Assert.Equal(cells.Length, cells.Select(c => c["id"]!.GetValue<string>()).Distinct().Count());
        var codeCells = cells.Where(c => c["cell_type"]!.GetValue<string>() == "code").ToArray();
        Assert.All(codeCells, c => Assert.Equal("csharp", c["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>()));

        // One setup cell at the top references the engine and the course the README's build step makes.
        var first = string.Concat(codeCells[0]["source"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.StartsWith("#r \"../artifacts/lib/Llm.dll\"\n#r \"../artifacts/lib/Llm.Course.dll\"\n", first);
        Assert.DoesNotContain(codeCells.Skip(1), c => string.Concat(c["source"]!.AsArray().Select(l => l!.GetValue<string>())).Contains("#r ", StringComparison.Ordinal));

        // Executed in full mode before committing: every code cell ran; none failed, warned, wrote to
        // stderr, or saved a training view before its first step.
        Assert.All(codeCells, c => Assert.NotNull(c["execution_count"]?.GetValue<int?>()));
        var saved = codeCells.SelectMany(c => c["outputs"]!.AsArray()).Select(o => o!.AsObject()).ToArray();
        Assert.DoesNotContain(saved, o => o["output_type"]!.GetValue<string>() == "error");
        Assert.DoesNotContain(saved, o => o["name"]?.GetValue<string>() == "stderr");
        Assert.DoesNotContain(saved, o => o.ToJsonString().Contains(TrainingViewFirstFrame, StringComparison.Ordinal));
    }

    // What a TrainingView shows before any step is reported (System.Text.Json escapes the ellipsis).
    private static readonly string TrainingViewFirstFrame = JsonValue.Create(new Llm.Display.TrainingView().ProgressText())!.ToJsonString().Trim('"');

    private static bool IsPicture(DisplayElement output) =>
        output.Data.ContainsKey("image/svg+xml") || output.Data.ContainsKey("image/png") ||
        (output.Data.TryGetValue("text/html", out var html) && NotebookFile.TextOf(html).Contains("<svg", StringComparison.Ordinal));
}
