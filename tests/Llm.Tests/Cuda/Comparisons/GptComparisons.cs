using Llm.Models;
using Llm.Nn;
using Llm.Optim;

namespace Llm.Tests.Cuda;

/// <summary>
/// A whole GPT on both devices from the same weights: the loss and every parameter's gradient of
/// one batch, then ten AdamW steps whose losses must stay together. Tolerances are looser than for
/// single ops: differences of an ulp per op add up through a dozen layers and the optimizer.
/// </summary>
public static class GptComparisons
{
    /// <summary>A tiny GPT with every part present (several heads and layers, tied output layer).</summary>
    public static readonly GptConfig Tiny = new() { VocabSize = 29, BlockSize = 16, Layers = 2, Heads = 2, Embd = 32 };

    public static IReadOnlyList<CheckResult> LossAndGradients(float dropout = 0f)
    {
        var name = dropout > 0 ? $"gpt (dropout {dropout})" : "gpt";
        try
        {
            var config = Tiny with { Dropout = dropout };
            var (ids, targets) = Batch(config, batch: 3, seed: 1);
            var cpu = new Gpt(config);
            var gpu = new Gpt(config).To(Device.Cuda);
            var (_, cpuLoss) = cpu.Forward(ids, targets, 3, config.BlockSize);
            var (_, gpuLoss) = gpu.Forward(ids, targets, 3, config.BlockSize);
            cpuLoss.Backward();
            gpuLoss.Backward();
            var results = new List<CheckResult> { CheckResult.Scalar($"{name}: loss", cpuLoss.Item(), gpuLoss.Item(), 1e-5) };
            var gpuParameters = gpu.NamedParameters().ToDictionary(p => p.Name, p => p.Tensor);
            foreach (var p in cpu.NamedParameters())
            {
                var other = gpuParameters[p.Name];
                results.Add(CheckResult.Arrays($"{name}: gradient of {p.Name}", p.Tensor.Grad!.ToArray(), other.Grad!.ToArray(), 2e-5f, 1e-3f));
            }

            return results;
        }
        catch (Exception e)
        {
            return [CheckResult.Crashed(name, e)];
        }
    }

    /// <summary>Ten training steps on one batch (so the loss must fall) on each device; returns the checks and the two loss curves.</summary>
    public static (IReadOnlyList<CheckResult> Checks, float[] CpuLosses, float[] GpuLosses) TrainingSteps(int steps = 10)
    {
        try
        {
            var config = Tiny with { Dropout = 0.1f };
            var cpuLosses = Train(new Gpt(config), config, steps);
            var gpuLosses = Train(new Gpt(config).To(Device.Cuda), config, steps);
            var checks = new List<CheckResult>
            {
                CheckResult.Arrays($"gpt: losses of {steps} AdamW steps", cpuLosses, gpuLosses, 1e-4f, 1e-3f),
                new("gpt: the loss went down on the GPU", gpuLosses[^1] < gpuLosses[0], gpuLosses[0] - gpuLosses[^1], $"from {gpuLosses[0]:F4} to {gpuLosses[^1]:F4}"),
            };
            return (checks, cpuLosses, gpuLosses);
        }
        catch (Exception e)
        {
            return ([CheckResult.Crashed("gpt: training steps", e)], [], []);
        }
    }

    private static float[] Train(Gpt model, GptConfig config, int steps)
    {
        var optimizer = new AdamW(model, lr: 3e-3f, weightDecay: 0.1f);
        var losses = new float[steps];
        var (ids, targets) = Batch(config, batch: 4, seed: 100);
        for (var step = 0; step < steps; step++)
        {
            var (_, loss) = model.Forward(ids, targets, 4, config.BlockSize);
            optimizer.ZeroGrad();
            loss.Backward();
            GradientClipping.ClipGradNorm(model.Parameters(), 1f);
            optimizer.Step();
            losses[step] = loss.Item();
        }

        return losses;
    }

    /// <summary>Random token ids and next-token targets for a batch.</summary>
    public static (int[] Ids, int[] Targets) Batch(GptConfig config, int batch, ulong seed)
    {
        var generator = new Generator(seed);
        var tokens = Enumerable.Range(0, (batch * config.BlockSize) + 1).Select(_ => generator.NextInt(config.VocabSize)).ToArray();
        return (tokens[..^1], tokens[1..]);
    }
}
