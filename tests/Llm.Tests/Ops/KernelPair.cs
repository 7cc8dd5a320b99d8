using Llm.Kernels;
using Llm.Tests.Reference;
using Xunit.Abstractions;

namespace Llm.Tests.Ops;

/// <summary>
/// Runs a primitive on the fast CPU backend and on the reference loops (the .Reference.cs files of lib/Llm/Kernels) with
/// the same inputs, and compares what they write, llm.c style ("NAME OK, maxdiff …").
/// </summary>
internal sealed class KernelPair(ITestOutputHelper log, int seed)
{
    /// <summary>The sizes where vector and blocking tails go wrong: below, at and just past powers of two.</summary>
    public static readonly int[] Awkward = [1, 3, 17, 63, 65, 257];

    public static readonly IBackend Fast = Device.Cpu.Backend;

    public static readonly ReferenceBackend Slow = new();

    public Random Random { get; } = new(seed);

    /// <summary>One of the awkward sizes, drawn from this case's seed.</summary>
    public int Size() => Awkward[Random.Next(Awkward.Length)];

    /// <summary>Normal-ish numbers (sum of uniforms), the same in both backends.</summary>
    public Pair Values(long n, float scale = 1f, float offset = 0f)
    {
        var values = new float[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = offset + (scale * (float)(Random.NextDouble() + Random.NextDouble() + Random.NextDouble() - 1.5));
        }

        return new Pair(Fast.FromArray((float[])values.Clone()), Slow.FromArray(values));
    }

    /// <summary>Zeros and ones, about half each, the same in both backends.</summary>
    public Pair Mask(long n)
    {
        var values = Enumerable.Range(0, (int)n).Select(_ => (float)Random.Next(2)).ToArray();
        return new Pair(Fast.FromArray((float[])values.Clone()), Slow.FromArray(values));
    }

    /// <summary>
    /// Runs one kernel call on both backends: <paramref name="call"/> builds the call's record from one
    /// side's storages (<c>k.Run(s =&gt; new UnaryArgs(op, s(x), s(y), n, 0.5f))</c>).
    /// </summary>
    public static void Run<T>(Func<Func<Pair, Storage>, T> call)
        where T : struct, IKernelArgs<T>
    {
        T.Run(Fast, call(pair => pair.Fast));
        T.Run(Slow, call(pair => pair.Slow));
    }

    public int[] Ids(int count, int below) => Enumerable.Range(0, count).Select(_ => Random.Next(below)).ToArray();

    /// <summary>Asserts that the fast kernel wrote what the reference wrote, within atol + rtol·|reference|.</summary>
    public void Same(string name, Pair pair, double rtol = 1e-5, double atol = 1e-6)
    {
        var (fast, slow) = (Read(Fast, pair.Fast), Read(Slow, pair.Slow));
        Compare.Close(log, $"{name} (seed {seed})", Tensor.FromArray(fast, fast.Length), Tensor.FromArray(slow, slow.Length), rtol, atol, truth: "reference");
    }

    private static float[] Read(IBackend backend, Storage storage)
    {
        var values = new float[storage.Length];
        backend.CopyToArray(storage, 0, values);
        return values;
    }
}

/// <summary>The same numbers in a fast storage and a reference storage.</summary>
internal readonly record struct Pair(Storage Fast, Storage Slow);
