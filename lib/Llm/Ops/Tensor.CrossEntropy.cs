using Llm.Kernels;

namespace Llm;

/// <summary>Cross-entropy fused with softmax: the loss of a language model. The kernels and their plain loops: Kernels/CrossEntropy/.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Mean over rows of −log softmax(logits)[target], the loss for predicting the next token.
    /// Logits are [N, V] (or [B, T, V]) and targets hold N token ids; rows whose target is
    /// <paramref name="ignoreIndex"/> (padding) are left out of the mean.
    /// Fused (one pass, probabilities never stored) because it is both faster and stable:
    /// loss = logsumexp(x) − x[target], and d loss/dx = softmax(x) − onehot(target).
    /// </summary>
    public Tensor CrossEntropy(int[] targets, int ignoreIndex = -100)
    {
        const string op = "CrossEntropy";
        if (Rank < 2)
        {
            throw new TensorException(op, $"needs logits of shape [N, V] or [B, T, V], got {Llm.Shape.Format(shape)}.");
        }

        var vocab = shape[^1];
        var rows = (int)(Numel / Math.Max(1, vocab));
        if (targets.Length != rows)
        {
            throw new TensorException(op, $"logits {Llm.Shape.Format(shape)} have {rows} rows but {targets.Length} targets were given.");
        }

        var counted = 0;
        foreach (var t in targets)
        {
            if (t == ignoreIndex)
            {
                continue;
            }

            if (t < 0 || t >= vocab)
            {
                throw new TensorException(op, $"target {t} is outside the vocabulary 0..{vocab - 1} of logits {Llm.Shape.Format(shape)}.");
            }

            counted++;
        }

        var losses = NewTensor([rows]);
        var logSumExp = NewTensor([rows]);
        var forward = new CrossEntropyArgs(Storage, targets, losses.Storage, logSumExp.Storage, rows, vocab, ignoreIndex);
        Backend.Run(forward);
        var output = NewTensor([]);
        Backend.Run(new SumToArgs(losses.Storage, [rows], output.Storage, [], Accumulate: false));
        var mean = 1f / Math.Max(1, counted);
        Backend.Run(new UnaryArgs(UnaryOp.MulScalar, output.Storage, output.Storage, 1, mean));
        var logits = this;
        return Record(op, output, [this], g =>
        {
            var scale = g.Item() * mean;
            logits.AddToGrad((grad, accumulate) => Backend.Run(forward.Backward(grad, scale, accumulate)));
        });
    }
}
