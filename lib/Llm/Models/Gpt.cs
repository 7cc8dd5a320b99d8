using Llm.Nn;

namespace Llm.Models;

/// <summary>
/// A GPT-2-style language model (Radford et al. 2019): token and position embeddings, L
/// pre-LayerNorm blocks, a final LayerNorm, and logits from the token embedding table itself
/// (tied weights). Parameter names follow GPT-2's state dict (wte, wpe, h.0.ln_1, …, ln_f).
/// </summary>
public sealed class Gpt : Module
{
    private readonly Dropout drop;

    public Gpt(GptConfig config)
    {
        Config = config;
        var generator = new Generator(config.Seed);
        Wte = RegisterModule("wte", new Embedding(config.VocabSize, config.Embd, generator));
        Wpe = RegisterModule("wpe", new Embedding(config.BlockSize, config.Embd, generator));
        drop = RegisterModule("drop", new Dropout(config.Dropout, config.Seed));
        Blocks = new GptBlock[config.Layers];
        for (var i = 0; i < config.Layers; i++)
        {
            Blocks[i] = RegisterModule($"h.{i}", new GptBlock(config, generator, config.Seed + (ulong)(10 * (i + 1))));
        }

        LnF = RegisterModule("ln_f", new LayerNorm(config.Embd));
        InitWeights(generator);
    }

    public GptConfig Config { get; }

    public Embedding Wte { get; }

    public Embedding Wpe { get; }

    public GptBlock[] Blocks { get; }

    public LayerNorm LnF { get; }

    /// <summary>
    /// Logits [B, T, V] for token ids [B, T] (given flat, row by row). With a cache, ids are only
    /// the new tokens; their positions continue after the cached ones.
    /// </summary>
    public Tensor Forward(int[] ids, int batch, int time, KvCache? cache = null)
    {
        var start = cache?.Length ?? 0;
        if (start + time > Config.BlockSize)
        {
            throw new ArgumentException($"A sequence of {start + time} tokens is longer than the model's block size {Config.BlockSize}; crop the context to the last {Config.BlockSize} tokens.");
        }

        var positions = Enumerable.Range(start, time).ToArray();
        var tokens = Wte.Forward(ids, batch, time);                    // (B, T, C)
        var x = drop.Forward(tokens + Wpe.Forward(positions, time));   // (B, T, C), positions broadcast over B
        for (var i = 0; i < Blocks.Length; i++)
        {
            x = Blocks[i].Forward(x, cache, i);                        // (B, T, C)
        }

        x = LnF.Forward(x);                                            // (B, T, C)
        return Tensor.MatMul(x, Wte.Weight, transposeB: true);         // (B, T, V): the output layer is the embedding table (tied)
    }

    /// <summary>Logits and the mean cross-entropy of predicting <paramref name="targets"/> (ids shifted by one).</summary>
    public (Tensor Logits, Tensor Loss) Forward(int[] ids, int[] targets, int batch, int time)
    {
        var logits = Forward(ids, batch, time); // (B, T, V)
        return (logits, logits.CrossEntropy(targets));
    }

    // GPT-2's initialisation: N(0, 0.02) for weights, zero biases, and the projections that write
    // into the residual stream scaled by 1/√(2L) so the stream's variance does not grow with depth.
    private void InitWeights(Generator generator)
    {
        var residualStd = 0.02f / MathF.Sqrt(2 * Config.Layers);
        foreach (var p in NamedParameters())
        {
            if (p.Name.EndsWith(".bias", StringComparison.Ordinal) && !p.Name.Contains("ln_"))
            {
                p.Tensor.CopyFrom(Tensor.Zeros(p.Tensor.ShapeArray));
            }
            else if (p.Name.EndsWith("c_proj.weight", StringComparison.Ordinal))
            {
                p.Tensor.CopyFrom(Tensor.RandN(p.Tensor.ShapeArray, generator, 0f, residualStd));
            }
            else if (!p.Name.Contains("ln_"))
            {
                p.Tensor.CopyFrom(Tensor.RandN(p.Tensor.ShapeArray, generator, 0f, 0.02f));
            }
        }
    }
}
