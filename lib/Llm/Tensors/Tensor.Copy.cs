using Llm.Kernels;

namespace Llm;

/// <summary>Copying values into an existing tensor (loading weights), outside the graph.</summary>
public sealed partial class Tensor
{
    /// <summary>Overwrites this tensor's values with <paramref name="source"/>'s (same shape; any device).</summary>
    public void CopyFrom(Tensor source, string? name = null)
    {
        if (!Llm.Shape.SameShape(shape, source.shape))
        {
            throw new TensorException("CopyFrom", $"{(name is null ? "" : $"'{name}': ")}source shape {Llm.Shape.Format(source.shape)} differs from target shape {Llm.Shape.Format(shape)}.");
        }

        var values = source.Device == Device ? source : source.To(Device);
        Backend.Run(CopyBlocksArgs.Contiguous(values.Storage, Storage, Numel));
    }

    /// <summary>Zeros of the same shape and device in storage that outlives training steps (optimizer state).</summary>
    internal Tensor PersistentZeros()
    {
        var zeros = new Tensor(NewStorage(Numel, persistent: true), (int[])shape.Clone());
        Backend.Run(new FillArgs(zeros.Storage, 0, Numel, 0f));
        return zeros;
    }

    /// <summary>A copy with its own storage and no history.</summary>
    public Tensor Clone()
    {
        var copy = new Tensor(NewStorage(Numel, persistent: true), (int[])shape.Clone());
        Backend.Run(CopyBlocksArgs.Contiguous(Storage, copy.Storage, Numel));
        return copy;
    }
}
