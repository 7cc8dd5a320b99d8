namespace Llm.GpuCheck;

/// <summary>Command-line options of the GPU check.</summary>
public sealed record Options(string OutPath, bool NoBench, bool BenchOnly, int Steps, string? KernelsPath, bool TinyBench)
{
    public static Options Parse(string[] args)
    {
        var options = new Options("results.json", false, false, 10, null, false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--out" => options with { OutPath = Value(args, ++i) },
                "--no-bench" => options with { NoBench = true },
                "--bench-only" => options with { BenchOnly = true },
                "--steps" => options with { Steps = int.Parse(Value(args, ++i), System.Globalization.CultureInfo.InvariantCulture) },
                "--kernels" => options with { KernelsPath = Value(args, ++i) },
                "--tiny-bench" => options with { TinyBench = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Use --out FILE, --no-bench, --bench-only, --steps N, --kernels FILE, --tiny-bench."),
            };
        }

        return options;
    }

    private static string Value(string[] args, int i) => i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}
