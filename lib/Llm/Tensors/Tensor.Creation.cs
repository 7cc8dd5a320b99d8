using Llm.Kernels;

namespace Llm;

/// <summary>Ways to make a tensor: zeros, ones, from arrays, seeded random numbers.</summary>
public sealed partial class Tensor
{
    public static Tensor Zeros(params int[] shape) => Full(0f, shape, Device.Cpu);

    public static Tensor Zeros(int[] shape, Device device) => Full(0f, shape, device);

    public static Tensor Ones(params int[] shape) => Full(1f, shape, Device.Cpu);

    public static Tensor Full(float value, int[] shape, Device device)
    {
        CheckShape(shape);
        var backend = device.Backend;
        var storage = NewStorage(backend, Llm.Shape.Numel(shape));
        backend.Run(new FillArgs(storage, 0, storage.Length, value));
        return new Tensor(storage, (int[])shape.Clone());
    }

    /// <summary>A tensor holding <paramref name="values"/> (copied) with the given shape, e.g. <c>Tensor.FromArray([1, 2, 3, 4], 2, 2)</c>.</summary>
    public static Tensor FromArray(float[] values, params int[] shape)
    {
        if (shape.Length == 0 && values.Length != 1)
        {
            shape = [values.Length];
        }

        CheckShape(shape);
        if (Llm.Shape.Numel(shape) != values.Length)
        {
            throw new ArgumentException($"FromArray: {values.Length} values cannot fill shape {Llm.Shape.Format(shape)} ({Llm.Shape.Numel(shape)} elements).");
        }

        return new Tensor(Device.Cpu.Backend.FromArray((float[])values.Clone()), (int[])shape.Clone());
    }

    /// <summary>A matrix from rows, e.g. <c>Tensor.FromRows([[1, 2], [3, 4]])</c>.</summary>
    public static Tensor FromRows(float[][] rows)
    {
        var cols = rows.Length == 0 ? 0 : rows[0].Length;
        if (rows.Any(r => r.Length != cols))
        {
            throw new ArgumentException("FromRows: every row must have the same length.");
        }

        return FromArray(rows.SelectMany(r => r).ToArray(), rows.Length, cols);
    }

    /// <summary>A tensor with one element and shape [].</summary>
    public static Tensor Scalar(float value) => new(Device.Cpu.Backend.FromArray([value]), []);

    /// <summary>Normal(mean, std) numbers from a seeded generator.</summary>
    public static Tensor RandN(int[] shape, Generator generator, float mean = 0f, float std = 1f)
    {
        CheckShape(shape);
        var values = new float[Llm.Shape.Numel(shape)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = mean + (std * generator.NextNormal());
        }

        return new Tensor(Device.Cpu.Backend.FromArray(values), (int[])shape.Clone());
    }

    /// <summary>Uniform numbers in [low, high) from a seeded generator.</summary>
    public static Tensor Rand(int[] shape, Generator generator, float low = 0f, float high = 1f)
    {
        CheckShape(shape);
        var values = new float[Llm.Shape.Numel(shape)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = low + ((high - low) * generator.NextFloat());
        }

        return new Tensor(Device.Cpu.Backend.FromArray(values), (int[])shape.Clone());
    }

    public static Tensor RandN(int[] shape, ulong seed) => RandN(shape, new Generator(seed));

    public static Tensor Rand(int[] shape, ulong seed) => Rand(shape, new Generator(seed));

    /// <summary>A new tensor of the same shape and device, filled with zeros.</summary>
    public Tensor ZerosLike() => Zeros(shape, Device);

    private static void CheckShape(int[] shape)
    {
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"A shape cannot have a negative dimension: {Llm.Shape.Format(shape)}.");
            }
        }
    }
}
