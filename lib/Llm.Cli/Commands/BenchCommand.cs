using System.Globalization;
using Llm.Benchmarking;
using Llm.Models;

namespace Llm.Cli.Commands;

/// <summary>`llm bench`: speed figures for training, matrix multiply and generation.</summary>
public static class BenchCommand
{
    private const string Usage = """
        llm bench — speed figures (compare with PyTorch: tests/Llm.Benchmarks/compare-pytorch.sh)

          llm bench train --layers 4 --heads 4 --embd 128 --block 64 --batch 12 --vocab 65 --steps 10 [--json] [--profile]
          llm bench matmul --size 1024 [--json]
          llm bench generate --layers 4 --heads 4 --embd 128 --block 512 --vocab 65 --tokens 256 [--json]
          --threads N   CPU threads (default: all cores)
          --profile     after the figures, the time of each CPU kernel per step
        """;

    public static int Run(string[] args)
    {
        var what = args.Length > 0 ? args[0] : "--help";
        var cli = new CommandLine("bench", args.Skip(1).ToArray(), new HashSet<string> { "help", "json", "profile" });
        if (what is "--help" or "-h" || cli.Has("help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var json = cli.Has("json");
        if (cli.Int("threads") is int threads)
        {
            Backends.Cpu.CpuParallel.Threads = threads;
        }

        var config = new GptConfig
        {
            Layers = cli.Int("layers") ?? 4,
            Heads = cli.Int("heads") ?? 4,
            Embd = cli.Int("embd") ?? 128,
            BlockSize = cli.Int("block") ?? (what == "generate" ? 512 : 64),
            VocabSize = cli.Int("vocab") ?? 65,
        };
        switch (what)
        {
            case "train":
                var batch = cli.Int("batch") ?? 12;
                var steps = cli.Int("steps") ?? 10;
                var profile = cli.Has("profile") ? new KernelProfile() : null;
                cli.RejectUnknown();
                var result = TrainBenchmark.Run(config, batch, steps, profile: profile);
                Console.WriteLine(json ? result.ToJson() : $"train L{config.Layers} H{config.Heads} C{config.Embd} T{config.BlockSize} B{batch} V{config.VocabSize}: {result}");
                if (profile is not null)
                {
                    Console.Write(profile.Format(steps));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"in kernels: {profile.TotalSeconds * 1000 / steps:F1} ms per step (mean), of a {result.StepMs:F1} ms step (median); the rest is autograd and the C# around the kernels"));
                }

                return 0;
            case "matmul":
                var size = cli.Int("size") ?? 1024;
                cli.RejectUnknown();
                var gflops = MatMulBenchmark.GflopsPerSecond(size);
                Console.WriteLine(json ? string.Create(CultureInfo.InvariantCulture, $"{{\"gflops\": {gflops:F1}, \"size\": {size}}}") : $"matmul {size}³: {gflops:F1} GFLOP/s");
                return 0;
            case "generate":
                var tokens = cli.Int("tokens") ?? 256;
                cli.RejectUnknown();
                if (tokens + 1 > config.BlockSize)
                {
                    throw new UsageException($"--tokens {tokens} needs --block of at least {tokens + 1}.");
                }

                var (cached, uncached, same) = GenerateBenchmark.Run(config, tokens);
                Console.WriteLine(json
                    ? string.Create(CultureInfo.InvariantCulture, $"{{\"cached_tokens_per_s\": {cached:F1}, \"uncached_tokens_per_s\": {uncached:F1}, \"speedup\": {cached / uncached:F2}, \"same_tokens\": {(same ? "true" : "false")}}}")
                    : $"generate {tokens} tokens: {cached:N0} tokens/s with the KV cache, {uncached:N0} without ({cached / uncached:F1}×), same tokens: {same}");
                return 0;
            default:
                throw new UsageException($"unknown benchmark '{what}'; use train, matmul or generate.");
        }
    }
}
