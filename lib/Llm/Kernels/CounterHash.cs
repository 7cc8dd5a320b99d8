namespace Llm.Kernels;

/// <summary>
/// 32 random bits from a seed and a position (SplitMix64's finalizer on seed + (index + 1)·0x9E3779B97F4A7C15):
/// the same (seed, index) gives the same bits on every thread and device, so a dropout mask can be
/// drawn again instead of stored, and a batch can be drawn from (seed, step) alone.
/// </summary>
public static class CounterHash
{
    public static uint Bits(ulong seed, ulong index)
    {
        var z = seed + ((index + 1) * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (uint)((z ^ (z >> 31)) >> 32);
    }
}
