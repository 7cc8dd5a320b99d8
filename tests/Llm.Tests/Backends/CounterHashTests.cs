using System.Runtime.Intrinsics;
using Llm.Kernels;

namespace Llm.Tests.Backends;

/// <summary>
/// The dropout mask drawn sixteen at a time in vector registers against the one-at-a-time hash it
/// replaces on the CPU: a mask that differs in one element would change which weights a resumed or
/// GPU run drops.
/// </summary>
public class CounterHashTests
{
    [Vector512Fact]
    public void SixteenAtATimeKeepsExactlyWhatTheScalarHashKeeps()
    {
        var random = new Random(5);
        foreach (var p in new[] { 0f, 0.1f, 0.5f, 0.999f })
        {
            var threshold = DropoutArgs.Threshold(p);
            for (var trial = 0; trial < 200; trial++)
            {
                var seed = (ulong)random.NextInt64() * 3;
                // Small indices, and ones near the top of the range, where index + 1 wraps around.
                var first = trial % 2 == 0 ? (ulong)random.Next(1 << 20) : ulong.MaxValue - (ulong)random.Next(20);
                var mask = CounterHash.KeptMask16(seed, first, threshold).AsUInt32();
                for (var j = 0; j < 16; j++)
                {
                    var kept = CounterHash.Bits(seed, unchecked(first + (ulong)j)) >= threshold;
                    Assert.True(mask[j] == (kept ? uint.MaxValue : 0u), $"p = {p}, seed {seed}, index {first} + {j}: vector {mask[j]:X8}, scalar kept: {kept}");
                }
            }
        }
    }
}

/// <summary>A fact that needs 512-bit vectors in hardware; elsewhere the kernels take their scalar path, and it is skipped.</summary>
public sealed class Vector512FactAttribute : FactAttribute
{
    public Vector512FactAttribute()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            Skip = "this machine runs no 512-bit vectors: the dropout kernels take their scalar path";
        }
    }
}
