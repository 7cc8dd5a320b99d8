using Llm.Models;
using Llm.Nn;

namespace Llm.Generation;

/// <summary>
/// The generation loop: predict the next token, append it, repeat. Tokens are yielded one at a
/// time as they are produced, so text can be shown while it is being written.
/// </summary>
public static class GptGenerator
{
    /// <summary>
    /// Continues <paramref name="prompt"/> by up to <paramref name="maxNewTokens"/> tokens. With the
    /// KV cache (the default) each step feeds only the newest token; without it the whole context
    /// is recomputed every step (the same tokens, many times slower). A context longer than the
    /// block size keeps its last BlockSize tokens (the cache is rebuilt from them).
    /// </summary>
    public static IEnumerable<int> Generate(Gpt model, int[] prompt, int maxNewTokens, SamplingOptions options, bool useCache = true, int? stopToken = null)
    {
        if (prompt.Length == 0)
        {
            throw new ArgumentException("Generation needs a prompt of at least one token.", nameof(prompt));
        }

        var vocab = model.Config.VocabSize;
        foreach (var id in prompt)
        {
            if (id < 0 || id >= vocab)
            {
                throw new ArgumentException($"Prompt token {id} is outside the model's vocabulary 0..{vocab - 1}.", nameof(prompt));
            }
        }

        var wasTraining = model.Training;
        model.Eval();
        try
        {
            foreach (var id in Loop(model, prompt, maxNewTokens, options, useCache, stopToken))
            {
                yield return id;
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    private static IEnumerable<int> Loop(Gpt model, int[] prompt, int maxNewTokens, SamplingOptions options, bool useCache, int? stopToken)
    {
        var blockSize = model.Config.BlockSize;
        var context = new List<int>(prompt);
        var generator = new Generator(options.Seed);
        var cache = useCache ? new KvCache(model.Config.Layers) : null;
        var pending = context.TakeLast(blockSize).ToArray(); // tokens not yet seen by the cache
        for (var step = 0; step < maxNewTokens; step++)
        {
            int next;
            using (Tensor.NoGrad())
            {
                if (cache is not null && cache.Length + pending.Length > blockSize)
                {
                    cache.Clear();
                    pending = context.TakeLast(blockSize).ToArray();
                }

                var input = cache is null ? context.TakeLast(blockSize).ToArray() : pending;
                var logits = model.Forward(input, 1, input.Length, cache);   // (1, T, V)
                var last = logits.ReadRange((long)(input.Length - 1) * model.Config.VocabSize, model.Config.VocabSize); // only the last position's row
                next = Sampler.Sample(last, options, generator);
            }

            context.Add(next);
            pending = [next];
            yield return next;
            if (next == stopToken)
            {
                yield break;
            }
        }
    }
}
