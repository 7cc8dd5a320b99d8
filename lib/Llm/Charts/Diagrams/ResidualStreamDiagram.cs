using Llm.Models;
using static Llm.Charts.Diagrams.DiagramCanvas;

namespace Llm.Charts.Diagrams;

/// <summary>
/// The residual stream as a highway from left to right: the embeddings start it, every sub-layer
/// reads a copy (through its LayerNorm) and adds its result back, nothing overwrites it, and the
/// output layer reads its end. Long models show the first two blocks, the middle ones as one box, and the last.
/// </summary>
internal static class ResidualStreamDiagram
{
    private const double BoxWidth = 150;
    private const double Pitch = 180;

    public static Diagram Draw(Gpt model, int batch, int time)
    {
        var config = model.Config;
        GptDiagram.Check(batch, time, config.BlockSize);
        var stream = Shape(batch, time, config.Embd);
        var canvas = new DiagramCanvas();
        canvas.Text(16, 12, $"The residual stream: {config.Layers} blocks read from it and add to it", TitleSize, bold: true, fill: Ink);
        canvas.Text(16, 32, $"Every arrow carries {stream} (B×T×C); boxes show parameters.");

        const double Lane = 200; // the stream's height
        var start = canvas.Box(80, Lane - 25, "embeddings", "wte + wpe", EmbeddingStyle, model.Wte.ParameterCount() + model.Wpe.ParameterCount(), name: "wte + wpe");
        var x = start.Right + 40;
        var shown = config.Layers <= 3 ? Enumerable.Range(0, config.Layers).ToList() : [0, 1, -1, config.Layers - 1];
        foreach (var i in shown)
        {
            if (i < 0)
            {
                var middle = model.Blocks[2..^1];
                var box = canvas.Box(x + (BoxWidth / 2), 70, $"h.2 … h.{config.Layers - 2}", "the same, again", DataStyle, middle.Sum(m => m.ParameterCount()), minWidth: BoxWidth, name: "middle blocks");
                canvas.Arrow(null, (box.X + 20, Lane - 7), (box.X + 20, box.Bottom));
                canvas.Arrow(null, (box.Right - 20, box.Bottom), (box.Right - 20, Lane - 9));
                x += Pitch;
                continue;
            }

            var block = model.Blocks[i];
            x = SubLayer(canvas, x, Lane, $"h.{i}: ln_1 → attn", "tokens look at earlier tokens", AttentionStyle, block.Ln1.ParameterCount() + block.Attn.ParameterCount());
            x = SubLayer(canvas, x, Lane, $"h.{i}: ln_2 → mlp", "each token on its own", MlpStyle, block.Ln2.ParameterCount() + block.Mlp.ParameterCount());
        }

        var end = canvas.Box(x + 70, Lane - 25, "ln_f → output", "logits (wte, tied)", OutputStyle, model.LnF.ParameterCount(), name: "ln_f");
        canvas.Stream(start.Right, Lane, end.X, Lane, $"residual stream {stream}: x ← x + sub-layer(x), block after block");
        return new Diagram($"Residual stream of a {config.Layers}-block GPT", canvas);
    }

    // A sub-layer above the stream: it reads at its left, writes back into a ⊕ at its right.
    private static double SubLayer(DiagramCanvas canvas, double x, double lane, string title, string detail, (string, string) colour, long parameters)
    {
        var box = canvas.Box(x + (BoxWidth / 2), 70, title, detail, colour, parameters, minWidth: BoxWidth, name: title);
        canvas.Arrow(null, (box.X + 20, lane - 7), (box.X + 20, box.Bottom));
        canvas.Text(box.X + 24, box.Bottom + 14, "read");
        canvas.Arrow(null, (box.Right - 20, box.Bottom), (box.Right - 20, lane - 9));
        canvas.Text(box.Right - 24, box.Bottom + 14, "add", anchor: "end");
        canvas.Add(box.Right - 20, lane);
        return x + Pitch;
    }
}
