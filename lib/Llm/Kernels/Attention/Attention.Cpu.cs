using System.Numerics.Tensors;

namespace Llm.Kernels;

/// <summary>
/// Attention a block at a time (FlashAttention's loop order, Dao et al. 2022, algorithms 1 and 2):
/// the scores of 64 queries against 64 keys, never the whole Tq×Tk matrix. Each block product is a
/// small matrix multiply (<see cref="Gemm"/>), reading the rows where they lie (a row stride is a
/// leading dimension to it); a softmax that sees keys block by block keeps, per query, the running
/// maximum m and sum l, and rescales what it has summed when m grows. Dropout, in training, scales
/// each block of probabilities by its mask after they are summed into l and before they weigh the
/// values; the backward draws the same mask again.
/// </summary>
public sealed partial class CpuBackend
{
    // Queries and keys per block: 64 × 64 scores (16 KiB) and the 64 output rows stay in L1/L2.
    private const int AttentionBlock = 64;

    public void Attention(in AttentionArgs args)
    {
        var (q, k, v, o, lse, batch, heads, tq, tk, hs, scale, causal, dropout, _) = args;
        var (qv, kv, vv, ov, lv) = (Data(q.Data), Data(k.Data), Data(v.Data), Data(o.Data), Data(lse));
        var blocks = (tq + AttentionBlock - 1) / AttentionBlock;
        var attention = args;

        // A work item is one head's block of queries: it reads all the keys it may see and writes
        // only its own rows, so items are independent and the sums never depend on the threads.
        // An item's work counts its own queries: one new token's query (generating with a cache) is
        // little work, and waking a thread for each of a few heads would cost more than it saves.
        CpuParallel.For(batch * heads * blocks, (long)Math.Min(AttentionBlock, tq) * tk * hs / 4, (start, end) =>
        {
            var scores = new float[AttentionBlock * AttentionBlock];
            var sum = new float[AttentionBlock * hs];
            var (max, total) = (new float[AttentionBlock], new float[AttentionBlock]);
            var drop = dropout > 0f ? new float[AttentionBlock] : null;
            for (var item = start; item < end; item++)
            {
                var (b, h, first) = (item / blocks / heads, item / blocks % heads, item % blocks * AttentionBlock);
                var rows = Math.Min(AttentionBlock, tq - first);
                var queries = Rows(qv, q, b, h, first, rows, hs);                                    // (rows, hs), row stride q.RowStride
                max.AsSpan().Fill(float.NegativeInfinity);
                total.AsSpan().Clear();
                sum.AsSpan().Clear();
                var seen = causal ? KeysSeen(first + rows - 1, tq, tk) : tk;                          // the last query sees the most
                for (var key = 0; key < seen; key += AttentionBlock)
                {
                    var cols = Math.Min(AttentionBlock, seen - key);
                    var keys = Rows(kv, k, b, h, key, cols, hs);                                      // (cols, hs)
                    Gemm.Multiply(false, true, rows, cols, hs, queries, q.RowStride, keys, k.RowStride, scores, AttentionBlock, 0f); // S = Q·Kᵀ  (rows, cols)
                    for (var r = 0; r < rows; r++)
                    {
                        var row = scores.AsSpan(r * AttentionBlock, cols);
                        var valid = causal ? Math.Clamp(KeysSeen(first + r, tq, tk) - key, 0, cols) : cols;
                        var kept = row[..valid];
                        TensorPrimitives.Multiply(kept, scale, kept);                                  // s = Scale·q·k
                        var newMax = valid > 0 ? MathF.Max(max[r], TensorPrimitives.Max(kept)) : max[r];
                        if (newMax != max[r] && total[r] > 0)
                        {
                            // e^(s − m_old) = e^(s − m_new)·e^(m_new − m_old): what is summed so far shrinks by e^(m_old − m_new).
                            var shrink = MathF.Exp(max[r] - newMax);
                            total[r] *= shrink;
                            var summed = sum.AsSpan(r * hs, hs);
                            TensorPrimitives.Multiply(summed, shrink, summed);
                        }

                        max[r] = newMax;
                        TensorPrimitives.Subtract(kept, newMax, kept);
                        TensorPrimitives.Exp(kept, kept);                                              // p = e^(s − m), 0 where masked
                        row[valid..].Clear();
                        total[r] += TensorPrimitives.Sum(kept);
                        if (drop is not null)
                        {
                            attention.DropoutScales(b, h, first + r, key, drop.AsSpan(0, valid));
                            TensorPrimitives.Multiply(kept, drop.AsSpan(0, valid), kept);          // p·m: dropped after it is summed
                        }
                    }

                    var values = Rows(vv, v, b, h, key, cols, hs);                                    // (cols, hs)
                    Gemm.Multiply(false, false, rows, hs, cols, scores, AttentionBlock, values, v.RowStride, sum, hs, 1f); // Σ p·v  (rows, hs)
                }

                for (var r = 0; r < rows; r++)
                {
                    TensorPrimitives.Divide(sum.AsSpan(r * hs, hs), total[r], ov.AsSpan((int)o.Row(b, h, first + r), hs)); // o = Σ p·v / Σ p
                    lv[(((b * heads) + h) * tq) + first + r] = max[r] + MathF.Log(total[r]);                               // L = m + log l
                }
            }
        });
    }

    public void AttentionBackward(in AttentionBackwardArgs args)
    {
        var (forward, dout, dq, dk, dvs) = args;
        var (q, k, v, o, lse, batch, heads, tq, tk, hs, scale, causal, dropout, _) = forward;
        var (qv, kv, vv, ov, lv, dov) = (Data(q.Data), Data(k.Data), Data(v.Data), Data(o.Data), Data(lse), Data(dout));
        var (dqv, dkv, dvv) = (dq is null ? null : Data(dq), dk is null ? null : Data(dk), dvs is null ? null : Data(dvs));

        // A work item is a whole head: its key blocks one after another, and for each, the query
        // blocks that see it. dQ gathers from every key block, so splitting a head between threads
        // would make its sums depend on the schedule; whole heads keep them the same on any count.
        CpuParallel.For(batch * heads, (long)tq * tk * hs, (start, end) =>
        {
            var p = new float[AttentionBlock * AttentionBlock];
            var dp = new float[AttentionBlock * AttentionBlock];
            var d = new float[tq];
            var (m, pm) = dropout > 0f ? (new float[AttentionBlock * AttentionBlock], new float[AttentionBlock * AttentionBlock]) : (null, null);
            for (var item = start; item < end; item++)
            {
                var (b, h) = (item / heads, item % heads);
                for (var i = 0; i < tq; i++)
                {
                    d[i] = TensorPrimitives.Dot(dov.AsSpan((int)o.Row(b, h, i), hs), ov.AsSpan((int)o.Row(b, h, i), hs)); // D = rowsum(dO∘O)
                }

                for (var key = 0; key < tk; key += AttentionBlock)
                {
                    var cols = Math.Min(AttentionBlock, tk - key);
                    var keys = Rows(kv, k, b, h, key, cols, hs);                                       // (cols, hs)
                    var values = Rows(vv, v, b, h, key, cols, hs);                                     // (cols, hs)
                    var firstQuery = causal ? Math.Max(0, key - (tk - tq)) / AttentionBlock * AttentionBlock : 0;
                    for (var first = firstQuery; first < tq; first += AttentionBlock)
                    {
                        var rows = Math.Min(AttentionBlock, tq - first);
                        var queries = Rows(qv, q, b, h, first, rows, hs);                              // (rows, hs)
                        var grads = Rows(dov, o, b, h, first, rows, hs);                               // dO, laid out as O
                        Gemm.Multiply(false, true, rows, cols, hs, queries, q.RowStride, keys, k.RowStride, p, AttentionBlock, 0f); // S = Q·Kᵀ
                        for (var r = 0; r < rows; r++)
                        {
                            var pr = p.AsSpan(r * AttentionBlock, cols);
                            var valid = causal ? Math.Clamp(KeysSeen(first + r, tq, tk) - key, 0, cols) : cols;
                            TensorPrimitives.Multiply(pr[..valid], scale, pr[..valid]);
                            TensorPrimitives.Subtract(pr[..valid], lv[(((b * heads) + h) * tq) + first + r], pr[..valid]);
                            TensorPrimitives.Exp(pr[..valid], pr[..valid]);                             // P = e^(S − L)
                            pr[valid..].Clear();
                            if (m is not null)
                            {
                                var mr = m.AsSpan(r * AttentionBlock, cols);
                                forward.DropoutScales(b, h, first + r, key, mr);
                                TensorPrimitives.Multiply(pr, mr, pm.AsSpan(r * AttentionBlock, cols)); // P∘M, the weights the forward used
                            }
                        }

                        if (dvv is not null)
                        {
                            Gemm.Multiply(true, false, cols, hs, rows, pm ?? p, AttentionBlock, grads, o.RowStride, Rows(dvv, v, b, h, key, cols, hs), v.RowStride, 1f); // dV += (P∘M)ᵀ·dO
                        }

                        if (dqv is null && dkv is null)
                        {
                            continue;
                        }

                        Gemm.Multiply(false, true, rows, cols, hs, grads, o.RowStride, values, v.RowStride, dp, AttentionBlock, 0f); // dP = dO·Vᵀ
                        for (var r = 0; r < rows; r++)
                        {
                            var pr = p.AsSpan(r * AttentionBlock, cols);
                            var dpr = dp.AsSpan(r * AttentionBlock, cols);
                            if (m is not null)
                            {
                                TensorPrimitives.Multiply(dpr, m.AsSpan(r * AttentionBlock, cols), dpr);  // through the mask: dP = M∘(dO·Vᵀ)
                            }

                            TensorPrimitives.Subtract(dpr, d[first + r], dpr);
                            TensorPrimitives.Multiply(dpr, pr, dpr);
                            TensorPrimitives.Multiply(dpr, scale, dpr);                                    // dS·Scale = P∘(dP − D)·Scale
                        }

                        if (dqv is not null)
                        {
                            Gemm.Multiply(false, false, rows, hs, cols, dp, AttentionBlock, keys, k.RowStride, Rows(dqv, q, b, h, first, rows, hs), q.RowStride, 1f); // dQ += dS·K
                        }

                        if (dkv is not null)
                        {
                            Gemm.Multiply(true, false, cols, hs, rows, dp, AttentionBlock, queries, q.RowStride, Rows(dkv, k, b, h, key, cols, hs), k.RowStride, 1f); // dK += dSᵀ·Q
                        }
                    }
                }
            }
        });
    }

    /// <summary>Rows [first, first + count) of head (b, h): the span from the first row's start to the last row's end, rows RowStride apart.</summary>
    private static Span<float> Rows(float[] data, HeadLayout layout, int b, int h, int first, int count, int headSize)
    {
        var start = layout.Row(b, h, first);
        return data.AsSpan((int)start, (int)(((long)(count - 1) * layout.RowStride) + headSize));
    }

    /// <summary>How many keys query <paramref name="i"/> sees under the causal mask: j ≤ i + Tk − Tq.</summary>
    private static int KeysSeen(int i, int tq, int tk) => Math.Min(tk, i + tk - tq + 1);
}
