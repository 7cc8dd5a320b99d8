using Llm.Kernels;

namespace Llm;

/// <summary>
/// A small seeded random number generator (xoshiro128** seeded by SplitMix64). The same seed gives
/// the same numbers on every machine and every .NET version, which System.Random does not promise.
/// </summary>
public sealed class Generator
{
    private uint s0;
    private uint s1;
    private uint s2;
    private uint s3;
    private float? spareNormal;

    public Generator(ulong seed)
    {
        var x = seed;
        s0 = (uint)SplitMix(ref x);
        s1 = (uint)SplitMix(ref x);
        s2 = (uint)SplitMix(ref x);
        s3 = (uint)SplitMix(ref x);
    }

    /// <summary>Next 32 random bits.</summary>
    public uint NextUInt()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 11);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public float NextFloat() => (NextUInt() >> 8) * (1f / (1 << 24));

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)((ulong)NextUInt() * (ulong)n >> 32);

    /// <summary>Standard normal (Box–Muller, computed in double for accuracy).</summary>
    public float NextNormal()
    {
        if (spareNormal is float spare)
        {
            spareNormal = null;
            return spare;
        }

        double u1 = ((NextUInt() >> 8) + 1.0) / ((1 << 24) + 1.0);
        double u2 = (NextUInt() >> 8) / (double)(1 << 24);
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        spareNormal = (float)(r * Math.Sin(2 * Math.PI * u2));
        return (float)(r * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>A counter-based hash: the same (seed, index) always gives the same 32 bits, on any thread or device (dropout's masks use it too).</summary>
    public static uint Hash(ulong seed, ulong index) => CounterHash.Bits(seed, index);

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static uint RotateLeft(uint x, int k) => (x << k) | (x >> (32 - k));
}
