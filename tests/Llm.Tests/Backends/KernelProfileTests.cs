using Llm.Kernels;
using Llm.Benchmarking;
using Llm.Models;

namespace Llm.Tests.Backends;

/// <summary>`llm bench train --profile`: every kernel of the timed steps is counted, only those: not another task's, not a call after the scope ends.</summary>
public class KernelProfileTests
{
    [Fact]
    public async Task TrainingStepsAreProfiledKernelByKernel()
    {
        var config = new GptConfig { VocabSize = 17, BlockSize = 8, Layers = 2, Heads = 2, Embd = 16 };
        var profile = new KernelProfile();

        // Another task normalising meanwhile, started outside the scope, must not show up in the profile.
        using var stop = new CancellationTokenSource();
        var x = Tensor.RandN([4, 16], 1);
        var other = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                _ = x.LayerNorm(Tensor.Ones(16), Tensor.Zeros(16));
            }
        });
        TrainBenchmark.Run(config, batch: 2, steps: 2, warmup: 1, profile: profile);
        stop.Cancel();
        await other;

        var table = profile.Format(steps: 2).Split('\n').Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        double CallsPerStep(string kernel) => double.Parse(table.Single(row => row.Length > 1 && row[0] == kernel)[1], System.Globalization.CultureInfo.InvariantCulture);

        // Per step: two LayerNorms per block plus the final one, and one AdamW update per parameter tensor.
        Assert.Equal((2 * config.Layers) + 1, CallsPerStep("LayerNorm"));
        Assert.Equal(new Gpt(config).Parameters().Count(), CallsPerStep("AdamW"));
        Assert.True(profile.TotalSeconds > 0);

        // The observer was only there for the timed steps: a kernel call now is not counted.
        var before = CallsPerStep("AdamW");
        _ = x.LayerNorm(Tensor.Ones(16), Tensor.Zeros(16));
        table = profile.Format(steps: 2).Split('\n').Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal((2 * config.Layers) + 1, CallsPerStep("LayerNorm"));
        Assert.Equal(before, CallsPerStep("AdamW"));
    }
}
