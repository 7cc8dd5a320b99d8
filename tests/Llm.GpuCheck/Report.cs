using System.Text.Json;
using Llm.Tests.Cuda;

namespace Llm.GpuCheck;

/// <summary>Collects the checks and timings, prints each as it comes, and writes them as JSON (by hand: trimmed apps have no reflection-based serializer).</summary>
public sealed class Report(string path)
{
    private readonly List<CheckResult> checks = [];
    private readonly List<BenchmarkResult> benchmarks = [];

    public string Device { get; set; } = "";

    public string Backend { get; set; } = "";

    public string? Error { get; set; }

    public double StartupSeconds { get; set; }

    public float[] CpuLosses { get; set; } = [];

    public float[] GpuLosses { get; set; } = [];

    public int Passed => checks.Count(c => c.Passed);

    public int Failed => checks.Count(c => !c.Passed) + benchmarks.Count(b => b.Error is not null && !b.Error.Contains("memory", StringComparison.OrdinalIgnoreCase));

    public void Add(IEnumerable<CheckResult> results)
    {
        foreach (var result in results)
        {
            checks.Add(result);
            Console.WriteLine(result);
        }
    }

    public void Add(BenchmarkResult result)
    {
        benchmarks.Add(result);
        Console.WriteLine(result.Error is null
            ? $"bench {result.Name} {result.Precision} B={result.Batch} T={result.Time}: {result.StepMs:F1} ms/step, {result.TokensPerSecond:F0} tokens/s, MFU {result.Mfu:P1} of {result.PeakTflops} TFLOP/s, peak memory {result.PeakReservedGiB:F1} GiB"
            : $"bench {result.Name} {result.Precision} B={result.Batch}: {result.Error}");
    }

    public void Write()
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("device", Device);
        json.WriteString("backend", Backend);
        json.WriteNumber("startup_seconds", StartupSeconds);
        if (Error is not null)
        {
            json.WriteString("error", Error);
        }

        json.WriteNumber("passed", Passed);
        json.WriteNumber("failed", Failed);
        json.WriteStartArray("checks");
        foreach (var c in checks)
        {
            json.WriteStartObject();
            json.WriteString("name", c.Name);
            json.WriteBoolean("passed", c.Passed);
            json.WriteString("max_abs_error", c.MaxAbsError.ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("detail", c.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteArray(json, "cpu_losses", CpuLosses);
        WriteArray(json, "gpu_losses", GpuLosses);
        json.WriteStartArray("benchmarks");
        foreach (var b in benchmarks)
        {
            json.WriteStartObject();
            json.WriteString("name", b.Name);
            json.WriteString("precision", b.Precision);
            json.WriteNumber("batch", b.Batch);
            json.WriteNumber("block_size", b.Time);
            json.WriteNumber("parameters", b.Parameters);
            json.WriteNumber("step_ms", Math.Round(b.StepMs, 3));
            json.WriteNumber("tokens_per_s", Math.Round(b.TokensPerSecond, 1));
            json.WriteNumber("flops_per_token", b.FlopsPerToken);
            json.WriteNumber("mfu", Math.Round(b.Mfu, 5));
            json.WriteNumber("peak_tflops", b.PeakTflops);
            json.WriteNumber("peak_reserved_gib", Math.Round(b.PeakReservedGiB, 2));
            if (b.Error is not null)
            {
                json.WriteString("error", b.Error);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter json, string name, float[] values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
    }
}
