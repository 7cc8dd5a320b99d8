using System.Diagnostics;
using Llm.Kernels;
using Llm.Models;
using Llm.Optim;

namespace Llm.Benchmarking;

/// <summary>
/// Full training steps (forward, backward, AdamW) of a GPT on random tokens, after a warm-up:
/// the figure compared with the same model in PyTorch (tests/Llm.Benchmarks/compare-pytorch.sh).
/// </summary>
public static class TrainBenchmark
{
    /// <summary>
    /// Trains <paramref name="steps"/> timed steps after <paramref name="warmup"/> untimed ones. With a
    /// <paramref name="profile"/>, the timed steps also record the time of every CPU kernel.
    /// </summary>
    public static TrainBenchmarkResult Run(GptConfig config, int batch, int steps, int warmup = 3, KernelProfile? profile = null)
    {
        var model = new Gpt(config);
        var optimizer = new AdamW(model, lr: 1e-4f, weightDecay: 0.1f);
        var generator = new Generator(7);
        var t = config.BlockSize;
        var ids = Enumerable.Range(0, batch * t).Select(_ => generator.NextInt(config.VocabSize)).ToArray();
        var targets = Enumerable.Range(0, batch * t).Select(_ => generator.NextInt(config.VocabSize)).ToArray();
        var times = new List<double>();
        for (var step = 0; step < warmup + steps; step++)
        {
            var clock = Stopwatch.StartNew();
            using (step >= warmup && profile is not null ? Tensor.ObserveKernels(profile) : null)
            using (Tensor.Step())
            {
                var (_, loss) = model.Forward(ids, targets, batch, t);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
                _ = loss.Item(); // waits for the device where there is one
            }

            if (step >= warmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var median = Measure.Median(times);
        var flopsPerToken = (6.0 * model.ParameterCount()) + (6.0 * config.Layers * config.Embd * t);
        return new TrainBenchmarkResult(batch * t / (median / 1000.0), median, model.ParameterCount(), Measure.PeakMb(), flopsPerToken);
    }
}
