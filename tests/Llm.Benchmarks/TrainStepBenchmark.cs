using System.Diagnostics;
using Llm.Backends.Cpu;
using Llm.Models;
using Llm.Optim;

namespace Llm.Benchmarks;

/// <summary>Times full training steps (forward, backward, AdamW) of a GPT on random tokens.</summary>
public static class TrainStepBenchmark
{
    /// <summary>Milliseconds per step (median) and tokens per second for the given shape.</summary>
    public static (double StepMs, double TokensPerSecond, long Parameters) Run(GptConfig config, int batch, int steps, int warmup = 3)
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
            using (TensorArena.Step())
            {
                var (_, loss) = model.Forward(ids, targets, batch, t);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
            }

            if (step >= warmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        var median = times[times.Count / 2];
        return (median, batch * t / (median / 1000.0), model.ParameterCount());
    }
}
