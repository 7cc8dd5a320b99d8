using Llm.Charts.Diagrams;
using Llm.Display;
using Llm.Models;

namespace Llm.Tests.Charts;

/// <summary>Diagrams are well-formed SVG, label every arrow with a real shape, and their parameter counts add up to the model's.</summary>
public class DiagramTests
{
    public static TheoryData<int, int, int> GptShapes => new() { { 1, 2, 16 }, { 4, 4, 128 }, { 6, 3, 48 } };

    [Theory]
    [MemberData(nameof(GptShapes))]
    public void GptBoxesAddUpToTheModelsParameterCount(int layers, int heads, int embd)
    {
        var model = new Gpt(new GptConfig { VocabSize = 65, BlockSize = 64, Layers = layers, Heads = heads, Embd = embd });

        foreach (var diagram in new[] { Diagram.Gpt(model, 2, 64), Diagram.ResidualStream(model, 2, 64) })
        {
            Assert.Equal(model.ParameterCount(), diagram.ParameterCount);
            var root = SvgAssert.Parse(diagram.ToSvg());
            SvgAssert.CoordinatesAreFinite(root);
            var texts = SvgAssert.Texts(root);
            foreach (var box in diagram.Boxes.Where(b => b.Parameters > 0))
            {
                Assert.Contains(texts, t => t.StartsWith(box.Parameters!.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " parameters", StringComparison.Ordinal));
            }
        }

        var shapes = SvgAssert.Texts(SvgAssert.Parse(Diagram.Gpt(model, 2, 64).ToSvg()), "shape");
        Assert.Contains($"2×64×{embd}", shapes);   // the residual stream
        Assert.Contains("2×64×65", shapes);        // the logits
        Assert.Contains("2×64", shapes);           // the token ids
    }

    [Fact]
    public void TheGptDiagramShowsTheTiedOutputLayerAndEscapesItsLabels()
    {
        var model = new Gpt(new GptConfig());
        var svg = Diagram.Gpt(model, 2, 64).ToSvg();
        var texts = SvgAssert.Texts(SvgAssert.Parse(svg));

        Assert.Contains("integers &lt; V", svg, StringComparison.Ordinal); // written escaped, read back as "<"
        Assert.Contains("integers < V", texts);
        Assert.Contains("weight tied to wte (shared, not copied)", texts);
        Assert.Contains("0 new parameters", texts);
        Assert.Contains($"block × {model.Config.Layers} (h.0 … h.{model.Config.Layers - 1})", texts);
    }

    [Fact]
    public void TransformerBoxesAddUpAndTheMemoryReachesCrossAttention()
    {
        foreach (var normFirst in new[] { true, false })
        {
            var model = new Transformer(new TransformerConfig { Layers = 3, NormFirst = normFirst });
            var diagram = Diagram.Transformer(model, 8, 20, 18);

            Assert.Equal(model.ParameterCount(), diagram.ParameterCount);
            var root = SvgAssert.Parse(diagram.ToSvg());
            SvgAssert.CoordinatesAreFinite(root);
            var texts = SvgAssert.Texts(root);
            Assert.Contains("cross-attention", texts);
            Assert.Contains("memory 8×20×128", texts);
            Assert.Contains("8×18×256", SvgAssert.Texts(root, "shape")); // logits over the target vocabulary
        }
    }

    [Fact]
    public void OneHeadsSlicesTimesHeadsArePlusCProjAreTheAttentionsParameters()
    {
        var model = new Gpt(new GptConfig { Heads = 4, Embd = 128 });
        var diagram = Diagram.AttentionHead(model, 2, 16);

        Assert.Equal(model.Blocks[0].Attn.ParameterCount(), diagram.ParameterCount);
        var root = SvgAssert.Parse(diagram.ToSvg());
        Assert.Contains("2×16×32", SvgAssert.Texts(root, "shape")); // q, k, v: head size 128/4
        Assert.Contains("2×16×16", SvgAssert.Texts(root, "shape")); // the T×T scores
    }

    [Fact]
    public void DisplaysAsSvgAndRejectsALengthBeyondTheBlockSize()
    {
        var model = new Gpt(new GptConfig { BlockSize = 8, Layers = 1, Embd = 16, Heads = 2 });
        Assert.Equal(["image/svg+xml", "text/plain"], Formatting.FormatAll(Diagram.Gpt(model, 1, 8)).Select(f => f.MimeType));
        Assert.Contains("total: ", Formatting.ToPlainText(Diagram.Gpt(model, 1, 8)), StringComparison.Ordinal);

        var error = Assert.Throws<ArgumentException>(() => Diagram.Gpt(model, 1, 9));
        Assert.Contains("from 1 to the block size 8; got B = 1, T = 9", error.Message, StringComparison.Ordinal);
    }
}
