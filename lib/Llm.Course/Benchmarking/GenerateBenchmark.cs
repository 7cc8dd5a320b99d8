using System.Diagnostics;
using Llm.Generation;
using Llm.Models;

namespace Llm.Benchmarking;

/// <summary>Generation speed with and without the KV cache (the same tokens either way).</summary>
public static class GenerateBenchmark
{
    /// <summary>Tokens per second generating <paramref name="newTokens"/> tokens greedily from a one-token prompt, with and without the cache.</summary>
    public static (double WithCache, double WithoutCache, bool SameTokens) Run(GptConfig config, int newTokens)
    {
        var model = new Gpt(config);
        var prompt = new[] { 0 };
        _ = GptGenerator.Generate(model, prompt, 4, SamplingOptions.Greedy).ToArray();
        var clock = Stopwatch.StartNew();
        var cached = GptGenerator.Generate(model, prompt, newTokens, SamplingOptions.Greedy, useCache: true).ToArray();
        var withCache = newTokens / clock.Elapsed.TotalSeconds;
        clock.Restart();
        var uncached = GptGenerator.Generate(model, prompt, newTokens, SamplingOptions.Greedy, useCache: false).ToArray();
        var withoutCache = newTokens / clock.Elapsed.TotalSeconds;
        return (withCache, withoutCache, cached.SequenceEqual(uncached));
    }
}
