using System.Text.Json.Nodes;
using Llm.Benchmarking;
using Llm.Models;
using Llm.Tests.Autograd;

namespace Llm.Tests.Cli;

/// <summary>`llm bench peak` and the peak beside the other figures: counted work, not speeds (no timing is asserted).</summary>
[Collection(CpuThreadsCollection.Name)]
public class BenchTests
{
    [Fact]
    public void PeakReportsEveryVectorWidthTheMachineRuns()
    {
        var result = Cli.Run("bench", "peak", "--threads", "1", "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Output)!.AsObject();
        Assert.Equal(1, (int)json["threads"]!);
        Assert.Equal(PeakBenchmark.Widths.Select(bits => $"gflops_{bits}"), json.Select(p => p.Key).Where(k => k.StartsWith("gflops_", StringComparison.Ordinal)));
        Assert.All(PeakBenchmark.Widths, bits => Assert.True((double)json[$"gflops_{bits}"]! > 0));
    }

    [Fact]
    public void TrainingFiguresCountSixFlopsPerParameterPlusAttention()
    {
        var result = Cli.Run("bench", "train", "--layers", "1", "--heads", "2", "--embd", "16", "--block", "8", "--vocab", "11", "--batch", "2", "--steps", "1", "--threads", "1", "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Output)!;
        var (parameters, tokensPerSecond) = ((double)json["params"]!, (double)json["tokens_per_s"]!);
        // The JSON prints GFLOP/s to 0.1 and the share to 0.001, so each figure is checked to half its last
        // printed digit (plus what the rounding of the figures it is recomputed from can move it), not by
        // rounding both sides, which disagrees whenever a value sits next to a rounding boundary.
        var (gflops, peak) = ((double)json["gflops"]!, (double)json["peak_gflops"]!);
        var counted = ((6 * parameters) + (6.0 * 1 * 16 * 8)) * tokensPerSecond / 1e9;   // 6 per parameter and token, plus attention's 6·L·C·T
        Assert.InRange(gflops, counted - 0.051, counted + 0.051);
        var shareSlack = 0.0005 + (0.05 / peak) + (gflops * 0.05 / (peak * peak));
        Assert.InRange((double)json["of_peak"]!, (gflops / peak) - shareSlack, (gflops / peak) + shareSlack);
    }

    [Fact]
    public void TheStepShapesAreThePlainProductsOfTheModelsWeightMatrices()
    {
        var config = new GptConfig { VocabSize = 37, BlockSize = 8, Layers = 3, Heads = 2, Embd = 16 };
        var shapes = MatMulBenchmark.StepShapes(config, rows: 24);

        // Forward, a step's products together multiply every weight matrix once per token: 2·rows·(its size) FLOPs.
        // The matrices counted from a real model: every rank-2 parameter but the position table.
        var matrices = new Gpt(config).NamedParameters()
            .Where(p => p.Tensor.Shape.Count == 2 && p.Name != "wpe.weight")
            .DistinctBy(p => p.Tensor, ReferenceEqualityComparer.Instance) // the output layer is the token table
            .Sum(p => (double)p.Tensor.Numel);
        Assert.Equal(2.0 * 24 * matrices, shapes.Where(s => s.Name.EndsWith(" forward", StringComparison.Ordinal)).Sum(s => s.PerStep * s.Flops));

        // Each layer's backward products do the forward's work again, twice, with the operands turned as autograd turns them.
        foreach (var layer in shapes.Chunk(3))
        {
            Assert.Equal([layer[0].Flops, layer[0].Flops], [layer[1].Flops, layer[2].Flops]);
            Assert.Equal((24, 24, layer[0].N), (layer[0].M, layer[1].M, layer[2].M));
            Assert.Equal(["A·Bᵀ", "A·B", "Aᵀ·B"], layer.Select(s => s.Formula));
        }
    }
}
