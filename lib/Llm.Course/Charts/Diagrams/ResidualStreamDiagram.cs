using Llm.Models;
using static Llm.Charts.Diagrams.DiagramCanvas;

namespace Llm.Charts.Diagrams;

/// <summary>
/// The residual stream as a highway from left to right: the embeddings start it, every sub-layer
/// reads a copy (through its LayerNorm) and adds its result back, nothing overwrites it, and the
/// output layer reads its end. Models of three blocks or more show the first block, the middle ones as one box, and the last.
/// </summary>
internal static class ResidualStreamDiagram
{
    private const double BoxWidth = 132;
    private const double Pitch = 140;
    private const double BlockGap = 24;
    private const double BoxTop = 84;
    private const double Lane = 220; // the stream's height

    public static Diagram Draw(Gpt model, int batch, int time)
    {
        var config = model.Config;
        GptDiagram.Check(batch, time, config.BlockSize);
        var stream = Shape(batch, time, config.Embd);
        var canvas = new DiagramCanvas();
        canvas.Text(16, 12, $"The residual stream: {config.Layers} blocks read from it and add to it", TitleSize, bold: true, fill: Ink);
        canvas.Text(16, 32, $"Every arrow carries {stream} (B×T×C); boxes show parameters.");

        var start = canvas.Box(70, Lane - 25, "embeddings", "wte + wpe", EmbeddingStyle, model.Wte.ParameterCount() + model.Wpe.ParameterCount(), name: "wte + wpe");
        var x = start.Right + BlockGap;
        var shown = config.Layers <= 2 ? Enumerable.Range(0, config.Layers).ToList() : [0, -1, config.Layers - 1];
        foreach (var i in shown)
        {
            if (i < 0)
            {
                var middle = model.Blocks[1..^1];
                var label = middle.Length == 1 ? "h.1" : $"h.1 … h.{config.Layers - 2}";
                x = SubLayer(canvas, x, label, $"{middle.Length} more blocks", DataStyle, middle.Sum(m => m.ParameterCount()), label);
                x += BlockGap;
                continue;
            }

            var block = model.Blocks[i];
            var left = x;
            x = SubLayer(canvas, x, "attn", "ln_1 → attention", AttentionStyle, block.Ln1.ParameterCount() + block.Attn.ParameterCount(), $"h.{i}.ln_1 + attn");
            x = SubLayer(canvas, x, "mlp", "ln_2 → MLP", MlpStyle, block.Ln2.ParameterCount() + block.Mlp.ParameterCount(), $"h.{i}.ln_2 + mlp");
            canvas.Frame(left - 6, BoxTop - 10, x - left - Pitch + BoxWidth + 12, Lane - BoxTop + 22, $"block h.{i}", labelRight: false);
            x += BlockGap;
        }

        var end = canvas.Box(x + 60, Lane - 25, "ln_f → output", "logits (wte, tied)", OutputStyle, model.LnF.ParameterCount(), name: "ln_f");
        canvas.Stream(start.Right, Lane, end.X, Lane, $"residual stream {stream}: x ← x + sub-layer(x), block after block; nothing is overwritten");
        return new Diagram($"Residual stream of a {config.Layers}-block GPT", canvas);
    }

    // A sub-layer above the stream: it reads at its left, writes back into a ⊕ at its right.
    private static double SubLayer(DiagramCanvas canvas, double x, string title, string detail, (string, string) colour, long parameters, string name)
    {
        var box = canvas.Box(x + (BoxWidth / 2), BoxTop, title, detail, colour, parameters, minWidth: BoxWidth, name: name);
        canvas.Arrow(null, (box.X + 16, Lane - 7), (box.X + 16, box.Bottom));
        canvas.Text(box.X + 20, box.Bottom + 16, "read");
        canvas.Arrow(null, (box.Right - 16, box.Bottom), (box.Right - 16, Lane - 9));
        canvas.Text(box.Right - 20, box.Bottom + 16, "add", anchor: "end");
        canvas.Add(box.Right - 16, Lane);
        return x + Pitch;
    }
}
