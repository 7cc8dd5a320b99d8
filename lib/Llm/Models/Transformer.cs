using Llm.Nn;

namespace Llm.Models;

/// <summary>
/// The encoder–decoder Transformer of "Attention Is All You Need" (Vaswani et al. 2017), built
/// from the same blocks as the GPT. The encoder reads the whole source sentence once; every
/// decoder layer then attends to the encoder's output while the decoder writes the translation
/// one token at a time.
/// </summary>
public sealed class Transformer : Module
{
    private readonly float[] positions; // the sinusoidal table [MaxLength, C], row-major
    private readonly Dropout dropSource;
    private readonly Dropout dropTarget;

    public Transformer(TransformerConfig config)
    {
        Config = config;
        var generator = new Generator(config.Seed);
        SourceEmbedding = RegisterModule("src_embed", new Embedding(config.SourceVocabSize, config.Embd, generator));
        TargetEmbedding = RegisterModule("tgt_embed", new Embedding(config.TargetVocabSize, config.Embd, generator));
        Encoder = new EncoderLayer[config.Layers];
        Decoder = new DecoderLayer[config.Layers];
        for (var i = 0; i < config.Layers; i++)
        {
            Encoder[i] = RegisterModule($"encoder.{i}", new EncoderLayer(config, generator, config.Seed + (ulong)(10 * (i + 1))));
        }

        for (var i = 0; i < config.Layers; i++)
        {
            Decoder[i] = RegisterModule($"decoder.{i}", new DecoderLayer(config, generator, config.Seed + (ulong)(100 * (i + 1))));
        }

        EncoderNorm = RegisterModule("encoder_norm", new LayerNorm(config.Embd));
        DecoderNorm = RegisterModule("decoder_norm", new LayerNorm(config.Embd));
        Generator = RegisterModule("generator", new Linear(config.Embd, config.TargetVocabSize, generator));
        dropSource = RegisterModule("drop_src", new Dropout(config.Dropout, config.Seed + 1));
        dropTarget = RegisterModule("drop_tgt", new Dropout(config.Dropout, config.Seed + 2));
        positions = PositionalEncoding.Sinusoidal(config.MaxLength, config.Embd).ToArray();
        foreach (var p in Parameters())
        {
            if (p.Rank == 2)
            {
                p.CopyFrom(Tensor.RandN(p.ShapeArray, generator, 0f, 0.02f * MathF.Sqrt(128f / config.Embd)));
            }
        }
    }

    public TransformerConfig Config { get; }

    public Embedding SourceEmbedding { get; }

    public Embedding TargetEmbedding { get; }

    public EncoderLayer[] Encoder { get; }

    public DecoderLayer[] Decoder { get; }

    public LayerNorm EncoderNorm { get; }

    public LayerNorm DecoderNorm { get; }

    /// <summary>The final Linear that turns decoder vectors into target-vocabulary logits.</summary>
    public Linear Generator { get; }

    /// <summary>Source ids [B, S] → memory [B, S, C]. sourcePadding [B, S] is 1 on padding.</summary>
    public Tensor Encode(int[] source, int batch, int length, Tensor? sourcePadding)
    {
        var x = dropSource.Forward(Embed(SourceEmbedding, source, batch, length)); // (B, S, C)
        foreach (var layer in Encoder)
        {
            x = layer.Forward(x, sourcePadding);                                  // (B, S, C)
        }

        return Config.NormFirst ? EncoderNorm.Forward(x) : x;                     // (B, S, C)
    }

    /// <summary>Target input ids [B, T] (starting with BOS) and the memory → logits [B, T, V].</summary>
    public Tensor Decode(int[] targetInput, int batch, int length, Tensor memory, Tensor? sourcePadding)
    {
        var y = dropTarget.Forward(Embed(TargetEmbedding, targetInput, batch, length)); // (B, T, C)
        foreach (var layer in Decoder)
        {
            y = layer.Forward(y, memory, sourcePadding);                               // (B, T, C)
        }

        var normed = Config.NormFirst ? DecoderNorm.Forward(y) : y;                    // (B, T, C)
        return Generator.Forward(normed);                                              // (B, T, V)
    }

    /// <summary>Token embedding scaled by √C plus the sinusoidal position encoding (§3.4, §3.5).</summary>
    private Tensor Embed(Embedding table, int[] ids, int batch, int length)
    {
        if (length > Config.MaxLength)
        {
            throw new ArgumentException($"A sentence of {length} tokens is longer than the model's maximum {Config.MaxLength}.");
        }

        var tokens = table.Forward(ids, batch, length) * MathF.Sqrt(Config.Embd);             // (B, L, C)
        var pe = Tensor.FromArray(positions[..(length * Config.Embd)], length, Config.Embd);  // (L, C), the first L rows
        return tokens + pe.To(tokens.Device);                                                 // (B, L, C)
    }
}
