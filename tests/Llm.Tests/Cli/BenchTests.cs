using System.Text.Json.Nodes;
using Llm.Benchmarking;

namespace Llm.Tests.Cli;

/// <summary>`llm bench peak` and the peak beside the other figures: counted work, not speeds (no timing is asserted).</summary>
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
        Assert.Equal(((6 * parameters) + (6.0 * 1 * 16 * 8)) * tokensPerSecond / 1e9, (double)json["gflops"]!, 1);
        Assert.Equal((double)json["gflops"]! / (double)json["peak_gflops"]!, (double)json["of_peak"]!, 2);
    }
}
