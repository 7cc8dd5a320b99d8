using Llm.Models;
using static Llm.Charts.Diagrams.DiagramCanvas;

namespace Llm.Charts.Diagrams;

/// <summary>
/// The encoder–decoder Transformer: the encoder's stream on the left with its sub-layers to its
/// right, the decoder's stream on the right with its sub-layers to its left, and the encoder's
/// output ("memory") crossing over into every decoder layer's cross-attention.
/// </summary>
internal static class TransformerDiagram
{
    private const double EncoderStream = 80;
    private const double EncoderSide = 275;
    private const double DecoderSide = 615;
    private const double DecoderStream = 810;
    private const double SubLayerWidth = 220;

    public static Diagram Draw(Transformer model, int batch, int sourceLength, int targetLength)
    {
        var config = model.Config;
        GptDiagram.Check(batch, sourceLength, config.MaxLength);
        GptDiagram.Check(batch, targetLength, config.MaxLength);
        var (b, s, t, c) = ((long)batch, (long)sourceLength, (long)targetLength, (long)config.Embd);
        var (enc, dec) = (model.Encoder[0], model.Decoder[0]);
        var canvas = new DiagramCanvas();

        canvas.Text(16, 12, $"Transformer: N = {config.Layers} encoder and decoder layers, C = {c}, H = {config.Heads} heads, {Count(model.ParameterCount())} parameters", TitleSize, bold: true, fill: Ink);
        canvas.Text(16, 32, $"Arrows: shapes for B = {b} sentence pairs, S = {s} source tokens, T = {t} target tokens. Boxes: learned parameters.");
        canvas.Text(16, 48, $"Each sub-layer box includes its LayerNorm, applied {(config.NormFirst ? "to its input (pre-LN)" : "after the residual add (post-LN, as the paper)")}.");

        // Inputs and embeddings: token table × √C plus the fixed sinusoidal positions (§3.4, §3.5).
        var source = canvas.Box(EncoderStream + 40, 76, "source ids", "German, padded", DataStyle);
        var target = canvas.Box(DecoderStream - 40, 76, "target ids", "English, starting with BOS", DataStyle);
        var srcEmbed = canvas.Box(EncoderStream + 40, source.Bottom + 34, "src_embed × √C + positions", $"table {Shape(config.SourceVocabSize, c)}; sinusoids are fixed", EmbeddingStyle, model.SourceEmbedding.ParameterCount(), name: "src_embed");
        var tgtEmbed = canvas.Box(DecoderStream - 40, srcEmbed.Y, "tgt_embed × √C + positions", $"table {Shape(config.TargetVocabSize, c)}; sinusoids are fixed", EmbeddingStyle, model.TargetEmbedding.ParameterCount(), name: "tgt_embed");
        canvas.Arrow(Shape(b, s), (source.Cx, source.Bottom), (source.Cx, srcEmbed.Y));
        canvas.Arrow(Shape(b, t), (target.Cx, target.Bottom), (target.Cx, tgtEmbed.Y));

        var top = srcEmbed.Bottom + 30;
        var encoderStream = Shape(b, s, c);
        var decoderStream = Shape(b, t, c);
        var e1 = canvas.Branch(EncoderStream, EncoderSide, top + 20, SubLayerWidth, encoderStream, config.Layers,
            new BoxSpec("self-attention", "every token sees every token", AttentionStyle, enc.Norm1.ParameterCount() + enc.SelfAttn.ParameterCount(), "encoder.*.norm1 + self_attn"));
        var e2 = canvas.Branch(EncoderStream, EncoderSide, e1 + 30, SubLayerWidth, encoderStream, config.Layers,
            new BoxSpec("feed-forward", "C→4C, GELU, 4C→C", MlpStyle, enc.Norm2.ParameterCount() + enc.Ff.ParameterCount(), "encoder.*.norm2 + ff"));
        var d1 = canvas.Branch(DecoderStream, DecoderSide, top + 20, SubLayerWidth, decoderStream, config.Layers,
            new BoxSpec("masked self-attention", "only earlier target tokens", AttentionStyle, dec.Norm1.ParameterCount() + dec.SelfAttn.ParameterCount(), "decoder.*.norm1 + self_attn"));
        var crossY = d1 + 30;
        var d2 = canvas.Branch(DecoderStream, DecoderSide, crossY, SubLayerWidth, decoderStream, config.Layers,
            new BoxSpec("cross-attention", "queries here; keys, values: memory", SoftmaxStyle, dec.Norm2.ParameterCount() + dec.CrossAttn.ParameterCount(), "decoder.*.norm2 + cross_attn"));
        var d3 = canvas.Branch(DecoderStream, DecoderSide, d2 + 30, SubLayerWidth, decoderStream, config.Layers,
            new BoxSpec("feed-forward", "C→4C, GELU, 4C→C", MlpStyle, dec.Norm3.ParameterCount() + dec.Ff.ParameterCount(), "decoder.*.norm3 + ff"));
        canvas.Frame(EncoderStream - 40, top, EncoderSide + (SubLayerWidth / 2) + 12 - (EncoderStream - 40), e2 + 20 - top, $"encoder layer × {config.Layers}");
        canvas.Frame(DecoderSide - (SubLayerWidth / 2) - 12, top, DecoderStream + 40 - (DecoderSide - (SubLayerWidth / 2) - 12), d3 + 20 - top, $"decoder layer × {config.Layers}", labelRight: false);

        var encoderNorm = canvas.Box(EncoderStream + 40, e2 + 50, "encoder_norm: LayerNorm", config.NormFirst ? null : "unused in post-LN", NormStyle, model.EncoderNorm.ParameterCount(), name: "encoder_norm");
        canvas.Stream(EncoderStream, srcEmbed.Bottom, EncoderStream, encoderNorm.Y, $"encoder stream {encoderStream}");
        var memory = canvas.Box(EncoderStream + 40, encoderNorm.Bottom + 34, "memory", "the source, encoded once", DataStyle);
        canvas.Arrow(encoderStream, (memory.Cx, encoderNorm.Bottom), (memory.Cx, memory.Y));

        // The memory crosses to the gap between the columns and up to every decoder layer's cross-attention.
        var gap = (EncoderSide + DecoderSide) / 2;
        canvas.Arrow($"memory {encoderStream}", (memory.Right, memory.Cy), (gap, memory.Cy), (gap, crossY + 20), (DecoderSide - (SubLayerWidth / 2), crossY + 20));

        var decoderNorm = canvas.Box(DecoderStream - 40, d3 + 50, "decoder_norm: LayerNorm", config.NormFirst ? null : "unused in post-LN", NormStyle, model.DecoderNorm.ParameterCount(), name: "decoder_norm");
        canvas.Stream(DecoderStream, tgtEmbed.Bottom, DecoderStream, decoderNorm.Y, $"decoder stream {decoderStream}", labelRight: true);
        var generator = canvas.Box(DecoderStream - 40, decoderNorm.Bottom + 34, "generator: Linear C→V", null, OutputStyle, model.Generator.ParameterCount(), name: "generator");
        canvas.Arrow(decoderStream, (generator.Cx, decoderNorm.Bottom), (generator.Cx, generator.Y));
        var logits = canvas.Box(DecoderStream - 40, generator.Bottom + 34, "logits", "next English token", DataStyle);
        canvas.Arrow(Shape(b, t, config.TargetVocabSize), (logits.Cx, generator.Bottom), (logits.Cx, logits.Y));
        return new Diagram($"Transformer architecture ({config.Layers} + {config.Layers} layers, C = {c})", canvas);
    }
}
