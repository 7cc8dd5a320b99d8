using Llm.Kernels;

namespace Llm;

/// <summary>A Transformer's feed-forward block as one operation. Its kernels: Kernels/MatMul/, Kernels/Unary/.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// y = GELU(x·W₁ᵀ + b₁)·W₂ᵀ + b₂ (GPT-2's c_fc, GELU, c_proj): x [..., C], W₁ [H, C], W₂ [C', H] → [..., C'].
    /// The same numbers as <c>Linear(Linear(x, W₁, b₁).Gelu(), W₂, b₂)</c>, fused for memory: only the
    /// hidden layer's input h = x·W₁ᵀ + b₁ is kept for the backward, and GELU(h), which c_proj needs
    /// there, is computed again from it — at H = 4C that halves what the block keeps per token.
    /// Gradients: da = dy·W₂, dh = da·GELU'(h), dx = dh·W₁; dW₂ = dyᵀ·GELU(h), dW₁ = dhᵀ·x; the biases Σ over rows.
    /// </summary>
    public static Tensor FeedForward(Tensor x, Tensor fcWeight, Tensor? fcBias, Tensor projWeight, Tensor? projBias)
    {
        const string op = "FeedForward";
        var (hidden, width) = (fcWeight.Rank == 2 ? fcWeight.shape[0] : -1, projWeight.Rank == 2 ? projWeight.shape[0] : -1);
        if (x.Rank < 2 || fcWeight.Rank != 2 || projWeight.Rank != 2 || fcWeight.shape[1] != x.shape[^1] || projWeight.shape[1] != hidden
            || (fcBias is not null && !Llm.Shape.SameShape(fcBias.shape, [hidden])) || (projBias is not null && !Llm.Shape.SameShape(projBias.shape, [width])))
        {
            throw new TensorException(op, $"needs x [..., C], W₁ [H, C], b₁ [H], W₂ [C', H], b₂ [C'], got x {Llm.Shape.Format(x.shape)}, W₁ {Llm.Shape.Format(fcWeight.shape)}, W₂ {Llm.Shape.Format(projWeight.shape)}.");
        }

        TensorException.SameDevice(op, x, fcWeight, projWeight);
        var backend = x.Backend;
        var rows = (int)(x.Numel / x.shape[^1]);
        var h = x.NewTensor([.. x.shape[..^1], hidden]);                                   // (..., H), kept
        var fc = Affine(backend, x.Storage, fcWeight, fcBias, h.Storage, rows);
        var a = NewStorage(backend, (long)rows * hidden);                                  // GELU(h): (..., H), given back at once
        var gelu = new UnaryArgs(UnaryOp.Gelu, h.Storage, a, (long)rows * hidden, 0f);
        backend.Run(gelu);
        var y = x.NewTensor([.. x.shape[..^1], width]);                                    // (..., C')
        var proj = Affine(backend, a, projWeight, projBias, y.Storage, rows);
        backend.Release(a);

        Tensor[] inputs = [x, fcWeight, projWeight, .. new[] { fcBias, projBias }.OfType<Tensor>()];
        return Record(op, y, inputs, g =>
        {
            var again = NewStorage(backend, (long)rows * hidden);                          // GELU(h), recomputed
            backend.Run(gelu with { Y = again });
            var projAgain = proj with { A = proj.A with { Data = again } };
            projBias?.AddToGrad((grad, accumulate) => backend.Run(new SumToArgs(g.Storage, [rows, width], grad, [width], accumulate)));
            projWeight.AddToGrad((grad, accumulate) => backend.Run(projAgain.GradB(g.Storage, grad, Beta(accumulate))));   // dW₂ = dyᵀ·GELU(h)
            var dh = NewStorage(backend, (long)rows * hidden);
            backend.Run(projAgain.GradA(g.Storage, dh, 0f));                                                          // da = dy·W₂
            backend.Run((gelu with { Y = again }).Backward(dh, dh, accumulate: false));                               // dh = da·GELU'(h)
            backend.Release(again);
            fcBias?.AddToGrad((grad, accumulate) => backend.Run(new SumToArgs(dh, [rows, hidden], grad, [hidden], accumulate)));
            fcWeight.AddToGrad((grad, accumulate) => backend.Run(fc.GradB(dh, grad, Beta(accumulate))));               // dW₁ = dhᵀ·x
            x.AddToGrad((grad, accumulate) => backend.Run(fc.GradA(dh, grad, Beta(accumulate))));                      // dx = dh·W₁
            backend.Release(dh);
        });
    }

    // output (rows, out) = input (rows, in)·Wᵀ + b: the bias copied into every row, then the product added onto it.
    private static MatMulArgs Affine(IBackend backend, Storage input, Tensor weight, Tensor? bias, Storage output, int rows)
    {
        var (outputs, inputs) = (weight.shape[0], weight.shape[1]);
        if (bias is not null)
        {
            backend.Run(new CopyBlocksArgs(bias.Storage, 0, 0, output, 0, outputs, rows, outputs));
        }

        var args = new MatMulArgs(new(input, false, 0), new(weight.Storage, true, 0), output, 0, 1, rows, outputs, inputs, Beta: bias is null ? 0f : 1f);
        backend.Run(args);
        return args;
    }
}
