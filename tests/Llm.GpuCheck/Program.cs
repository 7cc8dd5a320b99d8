using System.Diagnostics;
using Llm;
using Llm.Kernels;
using Llm.GpuCheck;
using Llm.Models;
using Llm.Tests.Cuda;

// The GPU checks without xunit: ./Llm.GpuCheck [--out results.json] [--no-bench] [--bench-only] [--steps 10]
// [--tiny-bench: time small shapes only, a smoke test] [--kernels file.cu: write the CUDA program and stop]
var options = Options.Parse(args);
if (options.KernelsPath is { } kernelsPath)
{
    File.WriteAllText(kernelsPath, KernelSource.Assemble());
    Console.WriteLine($"wrote the kernel program to {kernelsPath}");
    return 0;
}

var report = new Report(options.OutPath);
var device = Device.Auto;
report.Device = device.Describe();
Console.WriteLine(report.Device);
if (device.Kind != DeviceKind.Cuda)
{
    report.Error = "no usable CUDA GPU";
    report.Write();
    return 2;
}

var clock = Stopwatch.StartNew();
_ = Tensor.Zeros([1], Device.Cuda).Item(); // starts the backend: context, NVRTC compile, cuBLAS
report.StartupSeconds = clock.Elapsed.TotalSeconds;
report.Backend = ((CudaBackend)CudaBackend.For(Device.Cuda)).Description;
Console.WriteLine($"backend: {report.Backend} (started in {report.StartupSeconds:F2} s)");

if (!options.BenchOnly)
{
    foreach (var name in OpComparisons.Names)
    {
        report.Add(OpComparisons.Run(name));
    }

    foreach (var name in BackendComparisons.Names)
    {
        report.Add(BackendComparisons.Run(name));
    }

    report.Add(GptComparisons.LossAndGradients());
    report.Add(GptComparisons.LossAndGradients(dropout: 0.2f));
    var (checks, cpuLosses, gpuLosses) = GptComparisons.TrainingSteps(options.Steps);
    report.Add(checks);
    report.CpuLosses = cpuLosses;
    report.GpuLosses = gpuLosses;
    Console.WriteLine($"losses cpu: {string.Join(" ", cpuLosses.Select(l => l.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}");
    Console.WriteLine($"losses gpu: {string.Join(" ", gpuLosses.Select(l => l.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}");
}

if (!options.NoBench)
{
    // The 10M-parameter character model of nanoGPT's Shakespeare example, and GPT-2 small.
    var shakespeare = new GptConfig { VocabSize = 65, BlockSize = 256, Layers = 6, Heads = 6, Embd = 384 };
    var gpt2Small = GptConfig.Gpt2Small;
    var (batch, warmup) = (8, 3);
    if (options.TinyBench)
    {
        (batch, warmup) = (2, 1);
        shakespeare = shakespeare with { BlockSize = 32, Layers = 2, Heads = 2, Embd = 64 };
        gpt2Small = gpt2Small with { VocabSize = 512, BlockSize = 64, Layers = 2, Heads = 2, Embd = 64 };
    }

    foreach (var tf32 in new[] { false, true })
    {
        report.Add(TrainingBenchmark.Run("shakespeare-char 10M", shakespeare, batch, tf32, options.Steps, warmup));
        var gpt2 = TrainingBenchmark.Run("gpt2 124M", gpt2Small, batch, tf32, options.Steps, warmup);
        if (gpt2.Error is not null)
        {
            Console.WriteLine($"gpt2 with batch {batch}: {gpt2.Error}; trying batch {batch / 2}");
            report.Add(gpt2);
            gpt2 = TrainingBenchmark.Run("gpt2 124M", gpt2Small, batch / 2, tf32, options.Steps, warmup);
        }

        report.Add(gpt2);
    }
}

report.Write();
Console.WriteLine($"{report.Passed} passed, {report.Failed} failed");
Console.WriteLine($"results written to {Path.GetFullPath(options.OutPath)}");
return report.Failed == 0 ? 0 : 1;
