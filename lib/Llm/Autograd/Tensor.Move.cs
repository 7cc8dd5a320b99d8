namespace Llm;

/// <summary>Moving a leaf tensor (a parameter) to another device in place, so every module that holds it sees the move.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Copies this leaf's values to <paramref name="device"/> and swaps its storage for the copy; its
    /// gradient, if any, moves too. Unlike <see cref="To"/>, the tensor object stays the same, which is
    /// what a model's parameters need: layers keep references to them.
    /// </summary>
    internal void MoveTo(Device device)
    {
        if (!IsLeaf)
        {
            throw new TensorException("MoveTo", $"only a leaf (a parameter or input) can move in place; this tensor was made by {Op}.");
        }

        if (Device == device)
        {
            return;
        }

        Storage = device.Backend.FromArray(ToArray());
        if (Grad is not null)
        {
            Grad = Grad.To(device);
        }

        // A kept gradient buffer lives on the old device: let the next backward pass allocate a new one.
        gradBuffer = null;
    }
}
