using Llm.Kernels;

namespace Llm;

/// <summary>Dropout and masked fill. The kernels and their plain loops: Kernels/Dropout/ and Kernels/MaskedFill/.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Zeroes each element with probability p and scales the rest by 1/(1 − p), so the expected
    /// value is unchanged (Srivastava et al. 2014). The mask comes from a counter-based hash of
    /// (seed, position): backward redraws the same mask instead of storing it. dx = dy·keep/(1 − p).
    /// Use it only in training; the Dropout module turns it off in evaluation.
    /// </summary>
    public Tensor Dropout(float p, ulong seed)
    {
        if (p < 0f || p >= 1f)
        {
            throw new TensorException("Dropout", $"p must be in [0, 1), got {p}.");
        }

        if (p == 0f)
        {
            return this;
        }

        var output = NewTensor(shape);
        var forward = new DropoutArgs(Storage, output.Storage, Numel, p, seed, Accumulate: false);
        Backend.Run(forward);
        var x = this;
        return Record("Dropout", output, [this], g =>
        {
            x.AddToGrad((grad, accumulate) => Backend.Run(forward.Backward(g.Storage, grad, accumulate)));
        });
    }

    /// <summary>
    /// Puts <paramref name="value"/> where mask is non-zero (mask broadcasts to this shape), e.g.
    /// −∞ above the diagonal before a softmax. The gradient passes only where the mask is zero.
    /// </summary>
    public Tensor MaskedFill(Tensor mask, float value)
    {
        const string op = "MaskedFill";
        TensorException.SameDevice(op, this, mask);
        var together = Llm.Shape.Broadcast(shape, mask.shape);
        if (together is null || !Llm.Shape.SameShape(together, shape))
        {
            throw new TensorException(op, $"the mask {Llm.Shape.Format(mask.shape)} does not broadcast to the input {Llm.Shape.Format(shape)}.");
        }

        var output = NewTensor(shape);
        var forward = new MaskedFillArgs(Storage, shape, mask.Storage, mask.shape, value, output.Storage);
        Backend.Run(forward);
        var x = this;
        return Record(op, output, [this], g =>
        {
            var back = x.NewTensor(x.shape);
            Backend.Run(forward.Backward(g.Storage, back.Storage));
            x.AddToGrad(back);
        });
    }
}
