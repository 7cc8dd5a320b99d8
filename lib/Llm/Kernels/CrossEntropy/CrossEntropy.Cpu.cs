using System.Numerics.Tensors;

namespace Llm.Kernels;

/// <summary>Cross-entropy fused with log-softmax, one row of logits at a time.</summary>
public sealed partial class CpuBackend
{
    public void CrossEntropy(in CrossEntropyArgs args)
    {
        var (logits, targets, losses, logSumExp, rows, vocab, ignoreIndex) = args;
        var lv = Data(logits);
        var loss = Data(losses);
        var lse = Data(logSumExp);
        CpuParallel.For(rows, vocab * 4, (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var row = lv.AsSpan(r * vocab, vocab);
                var max = TensorPrimitives.Max(row);
                double sum = 0;
                foreach (var v in row)
                {
                    sum += MathF.Exp(v - max);
                }

                var l = max + (float)Math.Log(sum);
                lse[r] = l;
                loss[r] = targets[r] == ignoreIndex ? 0f : l - row[targets[r]];
            }
        });
    }

    public void CrossEntropyBackward(in CrossEntropyBackwardArgs args)
    {
        var (logits, logSumExp, targets, dlogits, rows, vocab, ignoreIndex, scale, accumulate) = args;
        var lv = Data(logits);
        var lse = Data(logSumExp);
        var dv = Data(dlogits);
        CpuParallel.For(rows, vocab * 4, (start, end) =>
        {
            Span<float> local = vocab <= 4096 ? stackalloc float[vocab] : new float[vocab];
            for (var r = start; r < end; r++)
            {
                var target = dv.AsSpan(r * vocab, vocab);
                if (targets[r] == ignoreIndex)
                {
                    if (!accumulate)
                    {
                        target.Clear();
                    }

                    continue;
                }

                // d loss / d logit_j = softmax_j − [j == target], times the upstream scale.
                TensorPrimitives.Subtract(lv.AsSpan(r * vocab, vocab), lse[r], local);
                TensorPrimitives.Exp(local, local);
                local[targets[r]] -= 1f;
                if (accumulate)
                {
                    TensorPrimitives.MultiplyAdd(local, scale, target, target);
                }
                else
                {
                    TensorPrimitives.Multiply(local, scale, target);
                }
            }
        });
    }
}
