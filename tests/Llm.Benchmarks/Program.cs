using Llm.Kernels;
using Llm.Benchmarking;
using Llm.Models;

// Speed figures for the closing notes and docs: `dotnet run -c Release --project tests/Llm.Benchmarks -- [matmul|train]`.
// The same measurements are behind `llm bench`; tests/Llm.Benchmarks/compare-pytorch.sh sets them against PyTorch.
var what = args.Length > 0 ? args[0] : "all";
Console.WriteLine($"threads: {CpuParallel.Threads}");
if (what is "all" or "matmul")
{
    foreach (var size in new[] { 256, 512, 1024 })
    {
        Console.WriteLine($"matmul {size}³: {MatMulBenchmark.GflopsPerSecond(size):F1} GFLOP/s");
    }
}

if (what is "all" or "train")
{
    var small = new GptConfig { VocabSize = 65, BlockSize = 64, Layers = 4, Heads = 4, Embd = 128 };
    Console.WriteLine($"train small GPT (L4 H4 C128 T64 B12 V65): {TrainBenchmark.Run(small, batch: 12, steps: 10)}");
}
