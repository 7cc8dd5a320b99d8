using Llm.Models;
using static Llm.Charts.Diagrams.DiagramCanvas;

namespace Llm.Charts.Diagrams;

/// <summary>
/// The GPT drawn top to bottom: token and position embeddings added into the residual stream; one
/// block (standing for all L) whose two sub-layers each branch off the stream through a LayerNorm
/// and add their output back; the final LayerNorm and the output layer that reuses wte.
/// </summary>
internal static class GptDiagram
{
    private const double StreamX = 175;
    private const double SideX = StreamX + 250;
    private const double SubLayerWidth = 270;

    public static Diagram Draw(Gpt model, int batch, int time)
    {
        var config = model.Config;
        Check(batch, time, config.BlockSize);
        var (b, t, c, v) = ((long)batch, (long)time, (long)config.Embd, (long)config.VocabSize);
        var stream = Shape(b, t, c);
        var block = model.Blocks[0];
        var canvas = new DiagramCanvas();

        canvas.Text(16, 12, $"GPT: L = {config.Layers} blocks, C = {c}, H = {config.Heads} heads, V = {v}, {Count(model.ParameterCount())} parameters", TitleSize, bold: true, fill: Ink);
        canvas.Text(16, 32, $"Arrows: tensor shapes for B = {b} sequences of T = {t} tokens (B×T×C). Boxes: learned parameters.");

        var ids = canvas.Box(StreamX, 60, "token ids", "integers < V", DataStyle);
        var positions = canvas.Box(SideX, 60, "positions", $"0, 1, …, {t - 1}", DataStyle);
        var wte = canvas.Box(StreamX, ids.Bottom + 34, "wte: token embedding", $"table V×C = {Shape(v, c)}", EmbeddingStyle, model.Wte.ParameterCount(), name: "wte");
        var wpe = canvas.Box(SideX, wte.Y, "wpe: position embedding", $"table block size×C = {Shape(config.BlockSize, c)}", EmbeddingStyle, model.Wpe.ParameterCount(), name: "wpe");
        canvas.Arrow(Shape(b, t), (StreamX, ids.Bottom), (StreamX, wte.Y));
        canvas.Arrow(Shape(t), (SideX, positions.Bottom), (SideX, wpe.Y));
        var embedded = wte.Bottom + 40;
        canvas.Arrow(stream, (StreamX, wte.Bottom), (StreamX, embedded - 9));
        canvas.Arrow(Shape(t, c), (SideX, wpe.Bottom), (SideX, embedded), (StreamX + 9, embedded));
        canvas.Add(StreamX, embedded);

        var top = embedded + 40;
        const string Normalise = "normalise each token's vector, then ×γ + β";
        var attnEnd = canvas.Branch(StreamX, SideX, top + 20, SubLayerWidth, stream, config.Layers,
            new("ln_1: LayerNorm", Normalise, NormStyle, block.Ln1.ParameterCount(), "h.*.ln_1"),
            new("attn: causal self-attention", $"{config.Heads} heads of {c / config.Heads}; c_attn C→3C, c_proj C→C", AttentionStyle, block.Attn.ParameterCount(), "h.*.attn"));
        var mlpEnd = canvas.Branch(StreamX, SideX, attnEnd + 34, SubLayerWidth, stream, config.Layers,
            new("ln_2: LayerNorm", Normalise, NormStyle, block.Ln2.ParameterCount(), "h.*.ln_2"),
            new("mlp: feed-forward", "c_fc C→4C, GELU, c_proj 4C→C", MlpStyle, block.Mlp.ParameterCount(), "h.*.mlp"));
        var frameBottom = mlpEnd + 22;
        canvas.Frame(StreamX - 46, top, SideX + (SubLayerWidth / 2) + 20 - (StreamX - 46), frameBottom - top, $"block × {config.Layers} (h.0 … h.{config.Layers - 1})");

        var lnF = canvas.Box(StreamX, frameBottom + 30, "ln_f: final LayerNorm", null, NormStyle, model.LnF.ParameterCount(), name: "ln_f");
        canvas.Stream(StreamX, embedded + 9, StreamX, lnF.Y, $"residual stream {stream}");
        var head = canvas.Box(StreamX, lnF.Bottom + 34, "output layer: x · wteᵀ", "weight tied to wte (shared, not copied)", OutputStyle, 0, name: "lm_head (tied)");
        canvas.Arrow(stream, (StreamX, lnF.Bottom), (StreamX, head.Y));
        var logits = canvas.Box(StreamX, head.Bottom + 34, "logits", "a score for every next token; softmax → probabilities", DataStyle);
        canvas.Arrow(Shape(b, t, v), (StreamX, head.Bottom), (StreamX, logits.Y));
        return new Diagram($"GPT architecture ({config.Layers} blocks, C = {c})", canvas);
    }

    internal static void Check(int batch, int time, int blockSize)
    {
        if (batch < 1 || time < 1 || time > blockSize)
        {
            throw new ArgumentException($"A diagram needs a batch of at least 1 and a length from 1 to the block size {blockSize}; got B = {batch}, T = {time}.");
        }
    }
}
