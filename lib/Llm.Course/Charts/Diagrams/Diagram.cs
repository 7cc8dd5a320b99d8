using System.Text;
using Llm.Display;
using Llm.Models;

namespace Llm.Charts.Diagrams;

/// <summary>A box of a diagram: its name, the parameters it holds (null for data), and how many copies the diagram stands for.</summary>
public sealed record DiagramBox(string Name, long? Parameters, int Repeat);

/// <summary>
/// An architecture picture drawn from a live model, so it shows the real thing: every arrow
/// labelled with the tensor's shape for a concrete batch and length, every layer with its
/// parameter count (they add up to the model's ParameterCount). Displays as SVG in a notebook:
/// <c>Diagram.Gpt(model, batch: 2, time: 64)</c>.
/// </summary>
[TypeFormatterSource(typeof(LlmFormatterSource), PreferredMimeTypes = ["image/svg+xml", "text/plain"])]
public sealed class Diagram
{
    private readonly string svg;

    internal Diagram(string title, DiagramCanvas canvas)
    {
        Title = title;
        Boxes = canvas.Boxes;
        svg = canvas.ToSvg(title);
    }

    public string Title { get; }

    /// <summary>Every box with its parameter count and repeat (a block drawn once stands for L of them).</summary>
    public IReadOnlyList<DiagramBox> Boxes { get; }

    /// <summary>Σ parameters × repeat over the boxes: equals the model's ParameterCount().</summary>
    public long ParameterCount => Boxes.Sum(b => (b.Parameters ?? 0) * b.Repeat);

    /// <summary>The GPT: embeddings, the residual stream through L pre-LN blocks, the final LayerNorm and the tied output layer.</summary>
    public static Diagram Gpt(Gpt model, int batch, int time) => GptDiagram.Draw(model, batch, time);

    /// <summary>The encoder–decoder Transformer, with cross-attention from the decoder to the encoder's output.</summary>
    public static Diagram Transformer(Transformer model, int batch, int sourceLength, int targetLength) =>
        TransformerDiagram.Draw(model, batch, sourceLength, targetLength);

    /// <summary>One attention head of a GPT block: query, key and value, the scores, the causal mask, softmax, the weighted sum.</summary>
    public static Diagram AttentionHead(Gpt model, int batch, int time) => AttentionHeadDiagram.Draw(model, batch, time);

    /// <summary>The residual stream as a highway: each sub-layer reads from it and adds its output back.</summary>
    public static Diagram ResidualStream(Gpt model, int batch, int time) => ResidualStreamDiagram.Draw(model, batch, time);

    public string ToSvg() => svg;

    /// <summary>Writes the SVG to a file.</summary>
    public void Save(string path) => File.WriteAllText(path, svg, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    /// <summary>The boxes and their parameter counts, for a terminal.</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(Title).Append('\n');
        foreach (var box in Boxes.Where(b => b.Parameters is not null))
        {
            text.Append("  ").Append(box.Name).Append(": ").Append(DiagramCanvas.Count(box.Parameters!.Value))
                .Append(box.Repeat > 1 ? $" × {box.Repeat}" : string.Empty).Append('\n');
        }

        return text.Append("  total: ").Append(DiagramCanvas.Count(ParameterCount)).Append(" parameters\n").ToString();
    }
}
