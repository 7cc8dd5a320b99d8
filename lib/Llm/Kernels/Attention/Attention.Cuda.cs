namespace Llm.Kernels;

/// <summary>
/// Attention on the GPU, composed from the backend's own kernels (cuBLAS products, the softmax
/// kernels): operands not laid out as [Batch·Heads, T, HeadSize] are first copied into that
/// layout, and the Tq×Tk scores are made in a temporary buffer, as the separate operations would
/// make them. It gives what the blocked CPU kernel gives (the output and each row's log-sum-exp);
/// a fused CUDA kernel would save the memory, and is not written yet. Dropout is the backend's own
/// dropout kernel over the [Batch·Heads, Tq, Tk] weights, whose flat index is the one the CPU's mask is drawn at.
/// </summary>
internal sealed partial class CudaBackend
{
    public void Attention(in AttentionArgs args)
    {
        var (qLayout, kLayout, vLayout, oLayout, lse, batch, heads, tq, tk, hs, scale, causal, dropout, seed) = args;
        var count = batch * heads;
        var (rows, n) = ((long)count * tq, (long)count * tq * tk);
        var (q, k, v) = (Gather(qLayout, batch, heads, tq, hs), Gather(kLayout, batch, heads, tk, hs), Gather(vLayout, batch, heads, tk, hs));
        var o = IsContiguous(oLayout, heads, tq, hs) ? oLayout.Data : Allocate(rows * hs);
        var scores = Allocate(n);
        var logP = Allocate(n);
        var column = Allocate(rows);
        MatMul(new MatMulArgs(new(q, false, (long)tq * hs), new(k, true, (long)tk * hs), scores, (long)tq * tk, count, tq, tk, hs, 0f)); // S = Q·Kᵀ
        Unary(new UnaryArgs(UnaryOp.MulScalar, scores, scores, n, scale));
        Softmax(new SoftmaxArgs(scores, logP, (int)rows, tk, causal, tq, Log: true));                          // log P = S − L

        // No key is ever masked in column 0, so there L = S − log P.
        CopyBlocks(new CopyBlocksArgs(scores, 0, tk, lse, 0, 1, (int)rows, 1));
        CopyBlocks(new CopyBlocksArgs(logP, 0, tk, column, 0, 1, (int)rows, 1));
        Binary(new BinaryArgs(BinaryOp.Subtract, lse, [(int)rows], column, [(int)rows], lse, [(int)rows]));
        Unary(new UnaryArgs(UnaryOp.Exp, logP, scores, n, 0f));                                                // P
        if (dropout > 0f)
        {
            Dropout(new DropoutArgs(scores, scores, n, dropout, seed, Accumulate: false));                     // P∘M
        }

        MatMul(new MatMulArgs(new(scores, false, (long)tq * tk), new(v, false, (long)tk * hs), o, (long)tq * hs, count, tq, hs, tk, 0f)); // O = P·V
        Scatter(o, oLayout, batch, heads, tq, hs, accumulate: false);
        ReleaseTemporaries([scores, logP, column], [(q, qLayout), (k, kLayout), (v, vLayout), (o, oLayout)]);
    }

    public void AttentionBackward(in AttentionBackwardArgs args)
    {
        var (forward, doutData, dqData, dkData, dvData) = args;
        var (qLayout, kLayout, vLayout, oLayout, _, batch, heads, tq, tk, hs, scale, causal, dropout, seed) = forward;
        var count = batch * heads;
        var n = (long)count * tq * tk;
        var (q, k, v) = (Gather(qLayout, batch, heads, tq, hs), Gather(kLayout, batch, heads, tk, hs), Gather(vLayout, batch, heads, tk, hs));
        var dout = Gather(oLayout.Over(doutData), batch, heads, tq, hs);
        var (dq, dk, dv) = (dqData is null ? null : Allocate((long)count * tq * hs), dkData is null ? null : Allocate((long)count * tk * hs), dvData is null ? null : Allocate((long)count * tk * hs));
        var p = Allocate(n);
        var dp = Allocate(n);
        var (strideQ, strideK, strideS) = ((long)tq * hs, (long)tk * hs, (long)tq * tk);
        MatMul(new MatMulArgs(new(q, false, strideQ), new(k, true, strideK), p, strideS, count, tq, tk, hs, 0f));
        Unary(new UnaryArgs(UnaryOp.MulScalar, p, p, n, scale));
        Softmax(new SoftmaxArgs(p, p, count * tq, tk, causal, tq, Log: false));                                   // P, recomputed
        var mask = dropout > 0f ? new DropoutArgs(p, dp, n, dropout, seed, Accumulate: false) : (DropoutArgs?)null;
        if (dv is not null)
        {
            var weights = p;
            if (mask is { } dropped)
            {
                Dropout(dropped);                                                                                 // P∘M, the forward's weights, in dp for now
                weights = dp;
            }

            MatMul(new MatMulArgs(new(weights, true, strideS), new(dout, false, strideQ), dv, strideK, count, tk, hs, tq, 0f)); // dV = (P∘M)ᵀ·dO
        }

        if (dq is not null || dk is not null)
        {
            MatMul(new MatMulArgs(new(dout, false, strideQ), new(v, true, strideK), dp, strideS, count, tq, tk, hs, 0f)); // dP = dO·Vᵀ
            if (mask is { } dropped)
            {
                Dropout(dropped with { X = dp });                                                                 // dP = M∘(dO·Vᵀ)
            }

            SoftmaxBackward(new SoftmaxBackwardArgs(p, dp, dp, count * tq, tk, Log: false, Accumulate: false));           // dS = P∘(dP − D)
            Unary(new UnaryArgs(UnaryOp.MulScalar, dp, dp, n, scale));
            if (dq is not null)
            {
                MatMul(new MatMulArgs(new(dp, false, strideS), new(k, false, strideK), dq, strideQ, count, tq, hs, tk, 0f)); // dQ = dS·K
            }

            if (dk is not null)
            {
                MatMul(new MatMulArgs(new(dp, true, strideS), new(q, false, strideQ), dk, strideK, count, tk, hs, tq, 0f)); // dK = dSᵀ·Q
            }
        }

        // The gradients are added to what the caller's buffers hold, in their layouts.
        foreach (var (grad, target, layout, length) in new[] { (dq, dqData, qLayout, tq), (dk, dkData, kLayout, tk), (dv, dvData, vLayout, tk) })
        {
            if (grad is not null)
            {
                Scatter(grad, layout.Over(target!), batch, heads, length, hs, accumulate: true);
                Release(grad);
            }
        }

        ReleaseTemporaries([p, dp], [(q, qLayout), (k, kLayout), (v, vLayout), (dout, oLayout.Over(doutData))]);
    }

    private static bool IsContiguous(HeadLayout layout, int heads, int rows, int headSize) => layout == HeadLayout.Contiguous(layout.Data, heads, rows, headSize);

    /// <summary>The operand as [Batch·Heads, rows, HeadSize]: itself when it is laid out so, else a copy, one strided block copy per head.</summary>
    private Storage Gather(HeadLayout layout, int batch, int heads, int rows, int headSize)
    {
        if (IsContiguous(layout, heads, rows, headSize))
        {
            return layout.Data;
        }

        var copy = Allocate((long)batch * heads * rows * headSize);
        for (var b = 0; b < batch; b++)
        {
            for (var h = 0; h < heads; h++)
            {
                CopyBlocks(new CopyBlocksArgs(layout.Data, layout.Row(b, h, 0), layout.RowStride, copy, (((long)b * heads) + h) * rows * headSize, headSize, rows, headSize));
            }
        }

        return copy;
    }

    /// <summary>Writes (or adds) a [Batch·Heads, rows, HeadSize] result into its layout; nothing to do when it is the layout's own storage.</summary>
    private void Scatter(Storage result, HeadLayout layout, int batch, int heads, int rows, int headSize, bool accumulate)
    {
        if (!accumulate && ReferenceEquals(result, layout.Data))
        {
            return;
        }

        for (var b = 0; b < batch; b++)
        {
            for (var h = 0; h < heads; h++)
            {
                CopyBlocks(new CopyBlocksArgs(result, (((long)b * heads) + h) * rows * headSize, headSize, layout.Data, layout.Row(b, h, 0), layout.RowStride, rows, headSize, accumulate));
            }
        }
    }

    private void ReleaseTemporaries(Storage[] temporaries, (Storage Used, HeadLayout Layout)[] operands)
    {
        foreach (var temporary in temporaries)
        {
            Release(temporary);
        }

        foreach (var (used, layout) in operands)
        {
            if (!ReferenceEquals(used, layout.Data))
            {
                Release(used);
            }
        }
    }
}
