using Llm.Kernels;

namespace Llm;

/// <summary>Attention as one operation. The kernels and their plain loops: Kernels/Attention/.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// softmax(q·kᵀ / √hs)·v in one kernel: q [..., Tq, hs], k and v [..., Tk, hs] → [..., Tq, hs],
    /// with causal, query i sees keys j ≤ i + Tk − Tq. The same numbers as the composed
    /// Attention.ScaledDotProduct, but fused, for two reasons: the [..., Tq, Tk] scores and weights are
    /// never kept (at T = 1024 they are most of a GPT's activation memory), and their passes over
    /// memory are saved. The backward recomputes the weights a block at a time from the saved
    /// log-sum-exp of each query row (FlashAttention).
    /// </summary>
    public static Tensor Attention(Tensor q, Tensor k, Tensor v, bool causal)
    {
        const string op = "Attention";
        TensorException.SameDevice(op, q, k, v);
        if (q.Rank < 2 || k.Rank != q.Rank || !Llm.Shape.SameShape(k.shape, v.shape) || !q.shape[..^2].AsSpan().SequenceEqual(k.shape[..^2]) || q.shape[^1] != k.shape[^1])
        {
            throw new TensorException(op, $"needs q [..., Tq, hs] and k, v [..., Tk, hs] with the same leading axes and hs, got {TensorException.Shapes(q, k, v)}.");
        }

        var (tq, tk, hs) = (q.shape[^2], k.shape[^2], q.shape[^1]);
        if (causal && tq > tk)
        {
            throw new TensorException(op, $"the causal mask needs at least as many keys as queries, got {tq} queries and {tk} keys.");
        }

        var batch = (int)Llm.Shape.Numel(q.shape[..^2]);
        var output = q.NewTensor((int[])q.shape.Clone());                                    // (..., Tq, hs)
        var logSumExp = q.NewTensor([.. q.shape[..^1]]);                                     // (..., Tq)
        var forward = new AttentionArgs(q.Storage, k.Storage, v.Storage, output.Storage, logSumExp.Storage, batch, tq, tk, hs, 1f / MathF.Sqrt(hs), causal);
        q.Backend.Run(forward);
        return Record(op, output, [q, k, v], g =>
        {
            // One kernel gives the three gradients, adding into zeroed tensors handed on to q, k and v.
            var (dq, dk, dv) = (q.requiresGrad ? Zeros(q.shape, q.Device) : null, k.requiresGrad ? Zeros(k.shape, k.Device) : null, v.requiresGrad ? Zeros(v.shape, v.Device) : null);
            q.Backend.Run(forward.Backward(g.Storage, dq?.Storage, dk?.Storage, dv?.Storage));
            foreach (var (input, grad) in new[] { (q, dq), (k, dk), (v, dv) })
            {
                if (grad is not null)
                {
                    input.AddToGrad(grad);
                }
            }
        });
    }
}
