using System.Runtime.Intrinsics;

namespace Llm.Kernels;

/// <summary>
/// 32 random bits from a seed and a position (SplitMix64's finalizer on seed + (index + 1)·0x9E3779B97F4A7C15):
/// the same (seed, index) gives the same bits on every thread and device, so a dropout mask can be
/// drawn again instead of stored, and a batch can be drawn from (seed, step) alone.
/// </summary>
public static class CounterHash
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const ulong Mix1 = 0xBF58476D1CE4E5B9UL;
    private const ulong Mix2 = 0x94D049BB133111EBUL;

    public static uint Bits(ulong seed, ulong index)
    {
        var z = seed + ((index + 1) * Golden);
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        return (uint)((z ^ (z >> 31)) >> 32);
    }

    /// <summary>
    /// Dropout's test for the 16 positions first … first + 15 at once: a float-wide mask with every bit
    /// set where <see cref="Bits"/>(seed, index) is at least <paramref name="threshold"/> (the element is
    /// kept) and zero where it is not. The same arithmetic as Bits, eight 64-bit lanes at a time, so
    /// exactly the same elements pass. Use it where <see cref="Vector512.IsHardwareAccelerated"/>.
    /// </summary>
    public static Vector512<float> KeptMask16(ulong seed, ulong first, uint threshold)
    {
        var t = Vector512.Create((ulong)threshold);
        var low = Vector512.GreaterThanOrEqual(Bits8(seed, first), t);        // lanes 0 … 7: all ones or zero
        var high = Vector512.GreaterThanOrEqual(Bits8(seed, first + 8), t);   // lanes 8 … 15
        return Vector512.Narrow(low, high).AsSingle();
    }

    // Bits(seed, first + j) for the eight lanes j = 0 … 7, each in the low half of a 64-bit lane.
    private static Vector512<ulong> Bits8(ulong seed, ulong first)
    {
        var z = Vector512.Create(seed) + ((Vector512.Create(first + 1) + Vector512<ulong>.Indices) * Golden);
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Mix1;
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Mix2;
        return Vector512.ShiftRightLogical(z ^ Vector512.ShiftRightLogical(z, 31), 32);
    }
}
