namespace Llm;

/// <summary>The affine map of a linear layer as one operation (PyTorch's F.linear); tested against the product plus the bias in FusedKernelTests.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// y = x · Wᵀ + b: x [..., in], weight [out, in] (PyTorch's layout), bias [out] or null → [..., out].
    /// Equal (up to rounding) to <c>MatMul(x, weight, transposeB: true) + bias</c>, computed in one
    /// pass without the intermediate product. Gradients: dx = dy · W, dW = dyᵀ · x, db = Σ dy over rows.
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null)
    {
        const string op = "Linear";
        if (weight.Rank != 2)
        {
            throw new TensorException(op, $"the weight must be [out, in], got {Llm.Shape.Format(weight.shape)}.");
        }

        if (x.Rank < 2 || x.shape[^1] != weight.shape[1])
        {
            throw new TensorException(op, $"the input must be [..., {weight.shape[1]}] (rank 2 or more) for a weight of shape {Llm.Shape.Format(weight.shape)}, got {Llm.Shape.Format(x.shape)}.");
        }

        if (bias is not null)
        {
            TensorException.SameDevice(op, x, weight, bias);
            if (bias.Rank != 1 || bias.shape[0] != weight.shape[0])
            {
                throw new TensorException(op, $"the bias must be [{weight.shape[0]}] for a weight of shape {Llm.Shape.Format(weight.shape)}, got {Llm.Shape.Format(bias.shape)}.");
            }
        }

        return MatMul(op, x, weight, transposeA: false, transposeB: true, bias);
    }
}
