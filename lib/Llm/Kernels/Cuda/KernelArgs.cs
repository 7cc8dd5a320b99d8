using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Llm.Kernels;

/// <summary>
/// The parameters of one kernel launch. cuLaunchKernel takes them as an array of pointers, one per
/// parameter, each pointing at the value (CUDA Driver API, cuLaunchKernel: "kernelParams").
/// Values are kept here in 8-byte slots; a 4-byte int or float sits in the low half of its slot,
/// which is where it belongs on little-endian machines (x86-64 and ARM64 both are).
/// The order of Add calls must be the order of the kernel's parameters, with the same C types:
/// int ↔ int, long ↔ long long, ulong ↔ unsigned long long or a pointer, float ↔ float, <see cref="Dims"/> ↔ Dims.
/// </summary>
internal struct KernelArgs
{
    private const int Slots = 64;
    private const int MaxParameters = 24;

    private SlotArray values;
    private OffsetArray offsets;
    private int used;

    /// <summary>Number of parameters added.</summary>
    public int Count { get; private set; }

    /// <summary>The next parameter: one 8-byte slot, or four for a <see cref="Dims"/>.</summary>
    public void Add(in KernelArg arg)
    {
        if (!arg.IsDims)
        {
            Begin(1);
            values[used++] = arg.Value;
            return;
        }

        // A struct of eight ints (shapes and strides), passed by value: two ints to a slot, in order.
        var dims = arg.Dims;
        Begin(4);
        for (var i = 0; i < Dims.Capacity; i += 2)
        {
            values[used++] = (uint)dims[i] | ((ulong)(uint)dims[i + 1] << 32);
        }
    }

    /// <summary>Fills <paramref name="pointers"/> with the address of each parameter; <paramref name="slots"/> is where the values are pinned.</summary>
    public readonly unsafe void Pointers(ulong* slots, void** pointers)
    {
        for (var i = 0; i < Count; i++)
        {
            pointers[i] = slots + offsets[i];
        }
    }

    /// <summary>The value slots, to pin for the launch.</summary>
    [UnscopedRef]
    public Span<ulong> Values => values;

    private void Begin(int slots)
    {
        if (Count == MaxParameters || used + slots > Slots)
        {
            throw new InvalidOperationException("Too many kernel parameters for KernelArgs.");
        }

        offsets[Count++] = used;
    }

    [InlineArray(Slots)]
    private struct SlotArray
    {
        private ulong element;
    }

    [InlineArray(MaxParameters)]
    private struct OffsetArray
    {
        private int element;
    }
}

/// <summary>Up to eight sizes or strides, passed to a kernel by value as <c>struct Dims { int d[8]; }</c>.</summary>
[InlineArray(Capacity)]
internal struct Dims
{
    public const int Capacity = 8;

    private int element;

    /// <summary>Dims holding <paramref name="values"/> (at most eight), zero after them.</summary>
    public static Dims From(ReadOnlySpan<int> values)
    {
        if (values.Length > Capacity)
        {
            throw new ArgumentException($"A kernel takes at most {Capacity} dimensions, got {values.Length}.");
        }

        var dims = default(Dims);
        values.CopyTo(dims);
        return dims;
    }
}
