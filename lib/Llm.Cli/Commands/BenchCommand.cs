using System.CommandLine;
using System.Globalization;
using Llm.Benchmarking;
using Llm.Cli.Parsing;
using Llm.Kernels;
using Llm.Models;
using Llm.Serialization;

namespace Llm.Cli.Commands;

/// <summary>`llm bench`: speed figures for training, matrix multiply and generation (compare with PyTorch: tests/Llm.Benchmarks/compare-pytorch.sh).</summary>
public static class BenchCommand
{

    public static Command Create() => new("bench", "Speed figures: the machine's peak, training, matrix multiply, generation")
    {
        Peak(), Train(), MatMul(), Generate(),
    };

    private static Command Peak()
    {
        var (threads, json) = (ThreadsOption(), JsonOption());
        var command = new Command("peak", "The machine's float32 peak: GFLOP/s of fused multiply-adds in registers, per vector width, on every thread") { threads, json };
        command.SetAction(parse =>
        {
            SetThreads(parse, threads);
            var peaks = PeakBenchmark.Measure(CpuParallel.Threads);
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(json)
                ? "{" + string.Join(", ", peaks.Select(p => string.Create(CultureInfo.InvariantCulture, $"\"gflops_{p.VectorBits}\": {p.GflopsPerSecond:F1}"))) + string.Create(CultureInfo.InvariantCulture, $", \"threads\": {CpuParallel.Threads}}}")
                : string.Join("\n", peaks.Select(p => string.Create(CultureInfo.InvariantCulture, $"peak {p.VectorBits}-bit: {p.GflopsPerSecond:F0} GFLOP/s on {p.Threads} threads"))));
            return 0;
        });
        return command;
    }

    private static Command Train()
    {
        var size = new ModelSize(defaultBlock: 64);
        var batch = CliOption.Number("--batch", "Windows per batch", 12, "a whole number ≥ 1", v => v >= 1);
        var steps = CliOption.Number("--steps", "Timed steps (after 3 warm-up steps)", 10, "a whole number ≥ 1", v => v >= 1);
        var dropout = CliOption.Number("--dropout", "Dropout in training (the poem recipe's: 0.1)", 0f, "a number in [0, 1)", v => v is >= 0 and < 1);
        var profile = CliOption.Flag("--profile", "After the figures, the time of each CPU kernel per step");
        var (threads, json) = (ThreadsOption(), JsonOption());
        var command = new Command("train", "Full training steps (forward, backward, AdamW) on random tokens: tokens/s, ms/step, peak memory") { batch, steps, dropout, profile, threads, json };
        size.AddTo(command);
        command.SetAction(parse =>
        {
            SetThreads(parse, threads);
            var (config, asJson, output) = (size.Config(parse) with { Dropout = parse.GetValue(dropout) }, parse.GetValue(json), parse.InvocationConfiguration.Output);
            var (b, n) = (parse.GetValue(batch), parse.GetValue(steps));
            var kernels = parse.GetValue(profile) ? new KernelProfile() : null;
            var result = TrainBenchmark.Run(config, b, n, profile: kernels) with { PeakGflops = PeakBenchmark.Widest(CpuParallel.Threads).GflopsPerSecond };
            output.WriteLine(asJson ? result.ToJson() : $"train L{config.Layers} H{config.Heads} C{config.Embd} T{config.BlockSize} B{b} V{config.VocabSize}{(config.Dropout > 0 ? " dropout " + config.Dropout.ToString(CultureInfo.InvariantCulture) : "")}: {result}");
            if (kernels is not null)
            {
                output.Write(kernels.Format(n));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"in kernels: {kernels.TotalSeconds * 1000 / n:F1} ms per step (mean), of a {result.StepMs:F1} ms step (median); the rest is autograd and the C# around the kernels"));
            }

            return 0;
        });
        return command;
    }

    private static Command MatMul()
    {
        var size = CliOption.Number("--size", "Side of the square matrices", 1024, "a whole number ≥ 1", v => v >= 1);
        var shapes = CliOption.Flag("--shapes", "Instead, every product of a GPT-2 small training step (each layer forward, dx and dW)");
        var rows = CliOption.Number("--rows", "With --shapes: tokens per batch (B·T)", 512, "a whole number ≥ 1", v => v >= 1);
        var (threads, json) = (ThreadsOption(), JsonOption());
        var command = new Command("matmul", "GFLOP/s of one square matrix product, or of a GPT-2 step's products (--shapes)") { size, shapes, rows, threads, json };
        command.SetAction(parse =>
        {
            SetThreads(parse, threads);
            var stepShapes = parse.GetValue(shapes);
            var chosen = stepShapes
                ? MatMulBenchmark.StepShapes(GptConfig.Gpt2Small, parse.GetValue(rows))
                : [new MatMulBenchmark.Shape($"{parse.GetValue(size)}³", parse.GetValue(size), parse.GetValue(size), parse.GetValue(size))];
            var results = chosen.Select(s => new MatMulBenchmark.Result(s, MatMulBenchmark.GflopsPerSecond(s))).ToList();
            var peak = PeakBenchmark.Widest(CpuParallel.Threads);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(!stepShapes
                    ? string.Create(CultureInfo.InvariantCulture, $"{{\"gflops\": {results[0].GflopsPerSecond:F1}, \"size\": {results[0].Shape.M}, \"peak_gflops\": {peak.GflopsPerSecond:F1}, \"peak_bits\": {peak.VectorBits}, \"of_peak\": {results[0].GflopsPerSecond / peak.GflopsPerSecond:F3}}}")
                    : "[" + string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture,
                        $"{{\"name\": \"{r.Shape.Name}\", \"m\": {r.Shape.M}, \"n\": {r.Shape.N}, \"k\": {r.Shape.K}, \"product\": \"{r.Shape.Formula}\", \"gflops\": {r.GflopsPerSecond:F1}, \"peak_gflops\": {peak.GflopsPerSecond:F1}, \"peak_bits\": {peak.VectorBits}, \"of_peak\": {r.GflopsPerSecond / peak.GflopsPerSecond:F3}}}"))) + "]");
            }
            else if (!stepShapes)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"matmul {results[0].Shape.Name}: {results[0].GflopsPerSecond:F1} GFLOP/s, {results[0].GflopsPerSecond / peak.GflopsPerSecond:P0} of the {peak.VectorBits}-bit peak ({peak.GflopsPerSecond:F0} GFLOP/s)"));
                output.WriteLine($"kernel: {MatMulKernelChoice.Describe()}");
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GPT-2 small's products for {parse.GetValue(rows)} tokens, {CpuParallel.Threads} threads; the {peak.VectorBits}-bit peak: {peak.GflopsPerSecond:F0} GFLOP/s"));
                output.WriteLine($"{"product",-22} {"m",6} {"n",6} {"k",6} {"op",-7} {"GFLOP/s",8} {"of peak",8}");
                foreach (var r in results)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Shape.Name,-22} {r.Shape.M,6} {r.Shape.N,6} {r.Shape.K,6} {r.Shape.Formula,-7} {r.GflopsPerSecond,8:F1} {r.GflopsPerSecond / peak.GflopsPerSecond,8:P0}"));
                }

                // A step's products together: the block layers' twelve times, the output layer's once.
                var flops = results.Sum(r => r.Shape.PerStep * r.Shape.Flops);
                var seconds = results.Sum(r => r.Shape.PerStep * r.Shape.Flops / (r.GflopsPerSecond * 1e9));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"a step's products",-22} {"",6} {"",6} {"",6} {"",-7} {flops / seconds / 1e9,8:F1} {flops / seconds / 1e9 / peak.GflopsPerSecond,8:P0}"));
                output.WriteLine($"kernel: {MatMulKernelChoice.Describe()}");
            }

            return 0;
        });
        return command;
    }

    private static Command Generate()
    {
        var size = new ModelSize(defaultBlock: 512);
        var tokens = CliOption.Number("--tokens", "Tokens to generate (needs --block > --tokens)", 256, "a whole number ≥ 1", v => v >= 1);
        var (threads, json) = (ThreadsOption(), JsonOption());
        var command = new Command("generate", "Tokens/s of generation with and without the KV cache") { tokens, threads, json };
        size.AddTo(command);
        command.SetAction(parse =>
        {
            SetThreads(parse, threads);
            var config = size.Config(parse);
            var n = parse.GetValue(tokens);
            if (n + 1 > config.BlockSize)
            {
                throw new UsageException($"--tokens {n} needs a context (--block) of at least {n + 1}; it is {config.BlockSize}.");
            }

            var (cached, uncached, same) = GenerateBenchmark.Run(config, n);
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(json)
                ? string.Create(CultureInfo.InvariantCulture, $"{{\"cached_tokens_per_s\": {cached:F1}, \"uncached_tokens_per_s\": {uncached:F1}, \"speedup\": {cached / uncached:F2}, \"same_tokens\": {(same ? "true" : "false")}}}")
                : $"generate {n} tokens: {cached:N0} tokens/s with the KV cache, {uncached:N0} without ({cached / uncached:F1}×), same tokens: {same}");
            return 0;
        });
        return command;
    }

    private static Option<int?> ThreadsOption() => CliOption.OptionalNumber<int>("--threads", "CPU threads [default: all cores]", "a whole number ≥ 1", v => v >= 1);

    private static Option<bool> JsonOption() => CliOption.Flag("--json", "Print the figures as JSON");

    private static void SetThreads(ParseResult parse, Option<int?> option)
    {
        if (parse.GetValue(option) is int threads)
        {
            Kernels.CpuParallel.Threads = threads;
        }
    }

    /// <summary>The model's shape: --layers, --heads, --embd, --block, --vocab, or --model DIR to take it from a checkpoint's config.json (no tokenizer needed).</summary>
    private sealed class ModelSize(int defaultBlock)
    {
        private readonly Option<int> layers = CliOption.Number("--layers", "Transformer blocks", 4, "a whole number ≥ 1", v => v >= 1);
        private readonly Option<int> heads = CliOption.Number("--heads", "Attention heads per block (must divide --embd)", 4, "a whole number ≥ 1", v => v >= 1);
        private readonly Option<int> embd = CliOption.Number("--embd", "Width of each token's vector", 128, "a whole number ≥ 1", v => v >= 1);
        private readonly Option<int> block = CliOption.Number("--block", "Context length in tokens", defaultBlock, "a whole number ≥ 1", v => v >= 1);
        private readonly Option<int> vocab = CliOption.Number("--vocab", "Vocabulary size", 65, "a whole number ≥ 1", v => v >= 1);
        private readonly Option<string?> model = new("--model") { Description = "Take the model's shape from this checkpoint folder's config.json instead of the options above", HelpName = "DIR" };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { layers, heads, embd, block, vocab, model })
            {
                command.Options.Add(option);
            }

            command.Validators.Add(result =>
            {
                var (e, h) = (result.GetValue(embd), result.GetValue(heads));
                if (h >= 1 && e % h != 0)
                {
                    result.AddError($"--embd ({e}) must be divisible by --heads ({h}): each head gets --embd / --heads numbers.");
                }
            });
        }

        public GptConfig Config(ParseResult parse) => parse.GetValue(model) is { } dir
            ? Gpt2Layout.LoadConfig(AtomicDirectory.Resolve(dir, "Pass --model with a folder that holds config.json."))
            : new GptConfig
            {
                Layers = parse.GetValue(layers),
                Heads = parse.GetValue(heads),
                Embd = parse.GetValue(embd),
                BlockSize = parse.GetValue(block),
                VocabSize = parse.GetValue(vocab),
            };
    }
}
