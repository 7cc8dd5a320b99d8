using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Llm.Benchmarking;

/// <summary>
/// The machine's limit for float32 arithmetic: how many multiply-adds its cores can do per second
/// when nothing else is in the way — twelve independent chains of fused multiply-adds in registers
/// on every thread, no memory traffic. Every speed figure is a fraction of this number (a GEMM at 85 %
/// of it is near the hardware's ceiling; a training step at 30 % loses most of its time elsewhere).
/// Measured per vector width, since a CPU may run wide vectors at half rate (Zen 4's AVX-512).
/// </summary>
public static class PeakBenchmark
{
    /// <summary>One width's peak: GFLOP/s (a multiply-add counts as two) over the given threads.</summary>
    public sealed record Peak(int VectorBits, int Threads, double GflopsPerSecond);

    /// <summary>The vector widths this machine runs in hardware, widest first.</summary>
    public static IReadOnlyList<int> Widths { get; } =
        new (int Bits, bool InHardware)[] { (512, Vector512.IsHardwareAccelerated), (256, Vector256.IsHardwareAccelerated), (128, Vector128.IsHardwareAccelerated) }
            .Where(w => w.InHardware).Select(w => w.Bits).ToArray();

    /// <summary>The peak of every width, each measured on <paramref name="threads"/> threads at once for about <paramref name="seconds"/>.</summary>
    public static IReadOnlyList<Peak> Measure(int threads, double seconds = 0.3) => Widths.Select(bits => Measure(bits, threads, seconds)).ToList();

    /// <summary>The peak of the widest width, the one the GEMM kernels use.</summary>
    public static Peak Widest(int threads, double seconds = 0.3) => Measure(Widths[0], threads, seconds);

    /// <summary>One width's peak: every thread runs the chains for the same number of iterations; the slowest thread's time counts.</summary>
    public static Peak Measure(int bits, int threads, double seconds = 0.3)
    {
        Func<long, float> chains = bits switch
        {
            512 => Chains512,
            256 => Chains256,
            128 => Chains128,
            _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "the widths are 128, 256 and 512 bits"),
        };

        // Calibrate on one thread (the runtime compiles the loop fully first), then time all threads.
        chains(10_000);
        var probe = Stopwatch.StartNew();
        chains(1_000_000);
        var iterations = Math.Max(1_000_000L, (long)(1_000_000 * seconds / probe.Elapsed.TotalSeconds));
        using var ready = new Barrier(threads + 1);
        var sink = new float[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            ready.SignalAndWait();
            sink[t] = chains(iterations);
        })).ToList();
        workers.ForEach(w => w.Start());
        ready.SignalAndWait();
        var clock = Stopwatch.StartNew();
        workers.ForEach(w => w.Join());
        var elapsed = clock.Elapsed.TotalSeconds;
        var flops = 2.0 * Chains * (bits / 32) * iterations * threads;
        GC.KeepAlive(sink);
        return new Peak(bits, threads, flops / elapsed / 1e9);
    }

    // Twelve chains: at 4 cycles of latency and two FMA units, 8 would already keep every unit busy.
    private const int Chains = 12;

    // c ← c·x + y with x just below 1: the chains settle near y / (1 − x) and never overflow or go subnormal.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains512(long iterations)
    {
        var (x, y) = (Vector512.Create(0.9999f), Vector512.Create(0.0001f));
        Vector512<float> c0 = Vector512.Create(0.1f), c1 = Vector512.Create(0.2f), c2 = Vector512.Create(0.3f), c3 = Vector512.Create(0.4f),
            c4 = Vector512.Create(0.5f), c5 = Vector512.Create(0.6f), c6 = Vector512.Create(0.7f), c7 = Vector512.Create(0.8f),
            c8 = Vector512.Create(0.9f), c9 = Vector512.Create(1.1f), c10 = Vector512.Create(1.2f), c11 = Vector512.Create(1.3f);
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, x, y);
            c1 = Vector512.FusedMultiplyAdd(c1, x, y);
            c2 = Vector512.FusedMultiplyAdd(c2, x, y);
            c3 = Vector512.FusedMultiplyAdd(c3, x, y);
            c4 = Vector512.FusedMultiplyAdd(c4, x, y);
            c5 = Vector512.FusedMultiplyAdd(c5, x, y);
            c6 = Vector512.FusedMultiplyAdd(c6, x, y);
            c7 = Vector512.FusedMultiplyAdd(c7, x, y);
            c8 = Vector512.FusedMultiplyAdd(c8, x, y);
            c9 = Vector512.FusedMultiplyAdd(c9, x, y);
            c10 = Vector512.FusedMultiplyAdd(c10, x, y);
            c11 = Vector512.FusedMultiplyAdd(c11, x, y);
        }

        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains256(long iterations)
    {
        var (x, y) = (Vector256.Create(0.9999f), Vector256.Create(0.0001f));
        Vector256<float> c0 = Vector256.Create(0.1f), c1 = Vector256.Create(0.2f), c2 = Vector256.Create(0.3f), c3 = Vector256.Create(0.4f),
            c4 = Vector256.Create(0.5f), c5 = Vector256.Create(0.6f), c6 = Vector256.Create(0.7f), c7 = Vector256.Create(0.8f),
            c8 = Vector256.Create(0.9f), c9 = Vector256.Create(1.1f), c10 = Vector256.Create(1.2f), c11 = Vector256.Create(1.3f);
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, x, y);
            c1 = Vector256.FusedMultiplyAdd(c1, x, y);
            c2 = Vector256.FusedMultiplyAdd(c2, x, y);
            c3 = Vector256.FusedMultiplyAdd(c3, x, y);
            c4 = Vector256.FusedMultiplyAdd(c4, x, y);
            c5 = Vector256.FusedMultiplyAdd(c5, x, y);
            c6 = Vector256.FusedMultiplyAdd(c6, x, y);
            c7 = Vector256.FusedMultiplyAdd(c7, x, y);
            c8 = Vector256.FusedMultiplyAdd(c8, x, y);
            c9 = Vector256.FusedMultiplyAdd(c9, x, y);
            c10 = Vector256.FusedMultiplyAdd(c10, x, y);
            c11 = Vector256.FusedMultiplyAdd(c11, x, y);
        }

        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains128(long iterations)
    {
        var (x, y) = (Vector128.Create(0.9999f), Vector128.Create(0.0001f));
        Vector128<float> c0 = Vector128.Create(0.1f), c1 = Vector128.Create(0.2f), c2 = Vector128.Create(0.3f), c3 = Vector128.Create(0.4f),
            c4 = Vector128.Create(0.5f), c5 = Vector128.Create(0.6f), c6 = Vector128.Create(0.7f), c7 = Vector128.Create(0.8f),
            c8 = Vector128.Create(0.9f), c9 = Vector128.Create(1.1f), c10 = Vector128.Create(1.2f), c11 = Vector128.Create(1.3f);
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector128.FusedMultiplyAdd(c0, x, y);
            c1 = Vector128.FusedMultiplyAdd(c1, x, y);
            c2 = Vector128.FusedMultiplyAdd(c2, x, y);
            c3 = Vector128.FusedMultiplyAdd(c3, x, y);
            c4 = Vector128.FusedMultiplyAdd(c4, x, y);
            c5 = Vector128.FusedMultiplyAdd(c5, x, y);
            c6 = Vector128.FusedMultiplyAdd(c6, x, y);
            c7 = Vector128.FusedMultiplyAdd(c7, x, y);
            c8 = Vector128.FusedMultiplyAdd(c8, x, y);
            c9 = Vector128.FusedMultiplyAdd(c9, x, y);
            c10 = Vector128.FusedMultiplyAdd(c10, x, y);
            c11 = Vector128.FusedMultiplyAdd(c11, x, y);
        }

        return Vector128.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
