using Llm.Kernels;

namespace Llm;

/// <summary>Attention as one operation. The kernels and their plain loops: Kernels/Attention/.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// softmax(q·kᵀ / √hs)·v in one kernel: q [..., Tq, hs], k and v [..., Tk, hs] → [..., Tq, hs];
    /// with causal, query i sees keys j ≤ i + Tk − Tq. The same numbers as the composed
    /// Attention.ScaledDotProduct, but fused, for two reasons: the [..., Tq, Tk] scores and weights are
    /// never kept (at T = 1024 they are most of a GPT's activation memory), and their passes over
    /// memory are saved. The backward recomputes the weights a block at a time from the saved
    /// log-sum-exp of each query row (FlashAttention). With dropout above 0 (training) each weight is
    /// dropped with that probability, the mask drawn from seed: the weights Dropout(dropout, seed)
    /// would keep of the composed attention's [..., Tq, Tk] weights.
    /// </summary>
    public static Tensor Attention(Tensor q, Tensor k, Tensor v, bool causal, float dropout = 0f, ulong seed = 0)
    {
        const string op = "Attention";
        TensorException.SameDevice(op, q, k, v);
        CheckDropout(op, dropout);
        if (q.Rank < 2 || k.Rank != q.Rank || !Llm.Shape.SameShape(k.shape, v.shape) || !q.shape[..^2].AsSpan().SequenceEqual(k.shape[..^2]) || q.shape[^1] != k.shape[^1])
        {
            throw new TensorException(op, $"needs q [..., Tq, hs] and k, v [..., Tk, hs] with the same leading axes and hs, got {TensorException.Shapes(q, k, v)}.");
        }

        var (tq, tk, hs, batch) = (q.shape[^2], k.shape[^2], q.shape[^1], (int)Llm.Shape.Numel(q.shape[..^2]));
        var output = q.NewTensor((int[])q.shape.Clone());                                    // (..., Tq, hs)
        HeadLayout Layout(Tensor t, int rows) => HeadLayout.Contiguous(t.Storage, 1, rows, hs);
        return Attend(op, [q, k, v], output, new(Layout(q, tq), Layout(k, tk), Layout(v, tk), Layout(output, tq), q.NewTensor([batch * tq]).Storage, batch, 1, tq, tk, hs, 1f / MathF.Sqrt(hs), causal, dropout, seed));
    }

    /// <summary>
    /// Multi-head self-attention straight from c_attn's output: qkv [B, T, 3C] (q, k and v side by
    /// side, each head a slice of hs = C/heads channels) → [B, T, C], the heads' outputs side by side.
    /// The same numbers as splitting qkv, moving the heads to their own axis, attending and merging
    /// them back (Attention.SplitHeads, Attention.Fused, Attention.MergeHeads); the kernel reads and
    /// writes the rows where they lie instead, so none of those four copies is made or kept. Dropout
    /// and seed as in <see cref="Attention"/>, over the [B, heads, T, T] weights.
    /// </summary>
    public static Tensor SelfAttention(Tensor qkv, int heads, bool causal, float dropout = 0f, ulong seed = 0)
    {
        const string op = "SelfAttention";
        CheckDropout(op, dropout);
        if (qkv.Rank != 3 || heads < 1 || qkv.shape[2] % (3 * heads) != 0)
        {
            throw new TensorException(op, $"needs qkv [B, T, 3C] with 3C divisible by 3·{heads} heads, got {Llm.Shape.Format(qkv.shape)}.");
        }

        var (b, t, c) = (qkv.shape[0], qkv.shape[1], qkv.shape[2] / 3);
        var hs = c / heads;
        var output = qkv.NewTensor([b, t, c]);                                                   // (B, T, C)
        HeadLayout Part(int part) => HeadLayout.Interleaved(qkv.Storage, part, 3, heads, t, hs);
        var o = HeadLayout.Interleaved(output.Storage, 0, 1, heads, t, hs);
        return Attend(op, [qkv], output, new(Part(0), Part(1), Part(2), o, qkv.NewTensor([b * heads * t]).Storage, b, heads, t, t, hs, 1f / MathF.Sqrt(hs), causal, dropout, seed));
    }

    private static void CheckDropout(string op, float dropout)
    {
        if (!(dropout >= 0f && dropout < 1f))
        {
            throw new TensorException(op, $"dropout must be in [0, 1), got {dropout}.");
        }
    }

    // Runs the kernel and records its backward: one kernel gives the gradients of q, k and v, added
    // into zeroed tensors shaped like the inputs (one tensor for all three when they share qkv).
    private static Tensor Attend(string op, Tensor[] inputs, Tensor output, AttentionArgs forward)
    {
        var backend = output.Backend;
        backend.Run(forward);
        return Record(op, output, inputs, g =>
        {
            var grads = inputs.Select(x => x.requiresGrad ? Zeros(x.shape, x.Device) : null).ToArray();
            Storage? GradOf(HeadLayout layout) => grads.Zip(inputs).FirstOrDefault(p => ReferenceEquals(p.Second.Storage, layout.Data)).First?.Storage;
            backend.Run(forward.Backward(g.Storage, GradOf(forward.Q), GradOf(forward.K), GradOf(forward.V)));
            for (var i = 0; i < inputs.Length; i++)
            {
                if (grads[i] is { } grad)
                {
                    inputs[i].AddToGrad(grad);
                }
            }
        });
    }
}
