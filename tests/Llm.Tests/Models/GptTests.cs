using Llm.Generation;
using Llm.Nn;
using Llm.Models;

namespace Llm.Tests.Models;

public class GptTests
{
    private static readonly GptConfig Tiny = new() { VocabSize = 23, BlockSize = 12, Layers = 2, Heads = 2, Embd = 16 };

    // GPT-2's parameters: V·C + T·C (embeddings) + L·(12C² + 13C) (per block: qkv 3C²+3C, proj C²+C,
    // fc 4C²+4C, fc-proj 4C²+C, two LayerNorms 4C) + 2C (final LayerNorm); the output layer is tied.
    private static long Expected(GptConfig c) =>
        ((long)c.VocabSize * c.Embd) + ((long)c.BlockSize * c.Embd) + (c.Layers * ((12L * c.Embd * c.Embd) + (13L * c.Embd))) + (2L * c.Embd);

    [Fact]
    public void ParameterCountMatchesTheClosedForm()
    {
        Assert.Equal(Expected(Tiny), new Gpt(Tiny).ParameterCount());
        var small = new GptConfig { VocabSize = 65, BlockSize = 64, Layers = 4, Heads = 4, Embd = 128 };
        Assert.Equal(Expected(small), new Gpt(small).ParameterCount());
    }

    [Fact]
    public void TheClosedFormGivesGpt2SmallsPublishedCount()
    {
        // GPT-2 small is published with 124,439,808 parameters (tied output layer).
        Assert.Equal(124_439_808L, Expected(GptConfig.Gpt2Small));
    }

    [Fact]
    public void LogitsOfAPrefixDoNotDependOnLaterTokens()
    {
        // The causal mask: changing token 7 must not change the logits at positions 0..6.
        var model = new Gpt(Tiny);
        model.Eval();
        var ids = Enumerable.Range(0, 10).Select(i => (i * 5) % 23).ToArray();
        var changed = (int[])ids.Clone();
        changed[7] = (changed[7] + 1) % 23;
        using (Tensor.NoGrad())
        {
            var a = model.Forward(ids, 1, 10).ToArray();
            var b = model.Forward(changed, 1, 10).ToArray();
            for (var i = 0; i < 7 * 23; i++)
            {
                Assert.Equal(a[i], b[i], 5);
            }

            Assert.NotEqual(a[(7 * 23) + 3], b[(7 * 23) + 3]);
        }
    }

    [Fact]
    public void KvCacheGivesTheSameLogitsAsTheFullContext()
    {
        var model = new Gpt(Tiny);
        model.Eval();
        var ids = new[] { 3, 1, 4, 1, 5, 9, 2, 6 };
        using (Tensor.NoGrad())
        {
            var full = model.Forward(ids, 1, ids.Length).ToArray(); // (1, 8, V)
            var cache = new KvCache(Tiny.Layers);
            var prefix = model.Forward(ids[..5], 1, 5, cache).ToArray();
            Assert.Equal(full.AsSpan(0, 5 * 23).ToArray(), prefix, new ToleranceComparer(1e-5f));
            for (var t = 5; t < ids.Length; t++)
            {
                var step = model.Forward([ids[t]], 1, 1, cache).ToArray();
                Assert.Equal(full.AsSpan(t * 23, 23).ToArray(), step, new ToleranceComparer(1e-5f));
            }
        }
    }

    [Fact]
    public void CachedAndUncachedDecodingGiveTheSameTokens()
    {
        var model = new Gpt(Tiny);
        var prompt = new[] { 1, 2, 3 };
        var options = new SamplingOptions { Temperature = 0.8f, TopK = 10, Seed = 5 };
        var cached = GptGenerator.Generate(model, prompt, 20, options, useCache: true).ToArray();
        var uncached = GptGenerator.Generate(model, prompt, 20, options, useCache: false).ToArray();
        Assert.Equal(uncached, cached);
        Assert.Equal(20, cached.Length); // past the block size of 12: the context slides
    }

    [Fact]
    public void GenerationRejectsTokensOutsideTheVocabulary()
    {
        var model = new Gpt(Tiny);
        var error = Assert.Throws<ArgumentException>(() => GptGenerator.Generate(model, [1, 99], 5, SamplingOptions.Greedy).ToArray());
        Assert.Contains("99", error.Message);
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance * Math.Max(1f, Math.Abs(y));

        public int GetHashCode(float obj) => 0;
    }
}
