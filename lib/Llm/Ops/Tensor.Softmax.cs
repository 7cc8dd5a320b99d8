using Llm.Kernels;

namespace Llm;

/// <summary>Softmax and log-softmax over the last axis, with an optional causal mask. The kernels and their plain loops (the mask written as a masked_fill): Kernels/Softmax/.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// exp(xᵢ − max) / Σ exp(xⱼ − max) over the last axis (subtracting the max avoids overflow).
    /// With causal, the tensor is [..., Tq, Tk] and query i only sees keys up to i + Tk − Tq (the
    /// others get probability 0), so a token cannot look at the future.
    /// Derivative: dx = y · (dy − Σ dy·y).
    /// </summary>
    public Tensor Softmax(bool causal = false) => SoftmaxCore(causal, log: false, "Softmax");

    /// <summary>log softmax = x − max − log Σ exp(x − max); derivative dx = dy − softmax · Σ dy.</summary>
    public Tensor LogSoftmax(bool causal = false) => SoftmaxCore(causal, log: true, "LogSoftmax");

    private Tensor SoftmaxCore(bool causal, bool log, string name)
    {
        if (Rank == 0 || (causal && Rank < 2))
        {
            throw new TensorException(name, $"needs a tensor with {(causal ? "at least two axes [.., Tq, Tk] for the causal mask" : "at least one axis")}, got {Llm.Shape.Format(shape)}.");
        }

        var cols = shape[^1];
        var tq = causal ? shape[^2] : 1;
        if (causal && tq > cols)
        {
            throw new TensorException(name, $"the causal mask needs at least as many keys as queries, got shape {Llm.Shape.Format(shape)}.");
        }

        var rows = (int)(Numel / Math.Max(1, cols));
        var output = NewTensor(shape);
        var forward = new SoftmaxArgs(Storage, output.Storage, rows, cols, causal, tq, log);
        Backend.Run(forward);
        var x = this;
        return Record(name, output, [this], g =>
        {
            x.AddToGrad((grad, accumulate) => Backend.Run(forward.Backward(g.Storage, grad, accumulate)));
        });
    }
}
