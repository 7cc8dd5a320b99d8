using System.Diagnostics;
using Llm.Kernels;
using Llm.Models;
using Llm.Nn;
using Llm.Optim;

namespace Llm.GpuCheck;

/// <summary>The speed of one training shape: tokens per second and model FLOP utilisation.</summary>
public sealed record BenchmarkResult(string Name, string Precision, int Batch, int Time, long Parameters, double StepMs, double TokensPerSecond, double FlopsPerToken, double Mfu, double PeakTflops, double PeakReservedGiB, string? Error);

/// <summary>
/// Times full training steps (forward, backward, clipping, AdamW) of a GPT on random tokens, on the GPU.
/// FLOPs per token ≈ 6·N (a multiply-add per parameter, forward and backward) plus 6·L·C·T for the
/// attention scores and their use: the causal half of the 12·L·C·T that PaLM's appendix B counts for full attention.
/// MFU divides the achieved rate by the H100 SXM's peak: 67 TFLOP/s in fp32, 495 with TF32 tensor cores (dense).
/// </summary>
public static class TrainingBenchmark
{
    public static BenchmarkResult Run(string name, GptConfig config, int batch, bool tf32, int steps, int warmup = 3)
    {
        var precision = tf32 ? "tf32" : "fp32";
        var peak = tf32 ? 495.0 : 67.0;
        CudaOptions.AllowTf32 = tf32;
        try
        {
            ((CudaBackend)CudaBackend.For(Device.Cuda)).Pool.ResetPeak();
            var model = new Gpt(config).To(Device.Cuda);
            var optimizer = new AdamW(model, lr: 1e-4f, weightDecay: 0.1f);
            var (ids, targets) = Llm.Tests.Cuda.GptComparisons.Batch(config, batch, seed: 7);
            var times = new List<double>();
            for (var step = 0; step < warmup + steps; step++)
            {
                var clock = Stopwatch.StartNew();
                var (_, loss) = model.Forward(ids, targets, batch, config.BlockSize);
                optimizer.ZeroGrad();
                loss.Backward();
                GradientClipping.ClipGradNorm(model.Parameters(), 1f);
                optimizer.Step();
                _ = loss.Item(); // waits for the GPU: the step is done
                if (step >= warmup)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            var median = times[times.Count / 2];
            var n = model.ParameterCount();
            var flopsPerToken = (6.0 * n) + (6.0 * config.Layers * config.Embd * config.BlockSize);
            var tokensPerSecond = batch * config.BlockSize / (median / 1000.0);
            var pool = ((CudaBackend)CudaBackend.For(Device.Cuda)).Pool;
            return new BenchmarkResult(name, precision, batch, config.BlockSize, n, median, tokensPerSecond, flopsPerToken, flopsPerToken * tokensPerSecond / (peak * 1e12), peak, pool.PeakReservedBytes / (1024.0 * 1024 * 1024), null);
        }
        catch (Exception e) when (e is CudaException or OutOfMemoryException)
        {
            return new BenchmarkResult(name, precision, batch, config.BlockSize, 0, 0, 0, 0, 0, peak, 0, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            CudaOptions.AllowTf32 = false;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            ((CudaBackend)CudaBackend.For(Device.Cuda)).ReleaseCachedMemory();
        }
    }
}
