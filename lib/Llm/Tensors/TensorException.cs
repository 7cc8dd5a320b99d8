namespace Llm;

/// <summary>
/// Thrown when an operation gets inputs it cannot use. The message names the operation and the
/// shapes involved, and says what to do.
/// </summary>
public sealed class TensorException(string op, string message) : InvalidOperationException($"{op}: {message}")
{
    /// <summary>The operation that refused its inputs, e.g. "MatMul".</summary>
    public string Op { get; } = op;

    internal static string Shapes(params Tensor[] tensors) => string.Join(" and ", tensors.Select(t => Shape.Format(t.ShapeArray)));

    internal static void SameDevice(string op, params Tensor[] tensors)
    {
        for (var i = 1; i < tensors.Length; i++)
        {
            if (tensors[i].Device != tensors[0].Device)
            {
                throw new TensorException(op, $"inputs are on different devices ({tensors[0].Device} and {tensors[i].Device}); move one with .To(device) first.");
            }
        }
    }
}
