namespace Llm.Kernels;

/// <summary>
/// Attention on the GPU, composed from the backend's own kernels (cuBLAS products, the softmax
/// kernels): the Tq×Tk scores are made in a temporary buffer, as the separate operations would
/// make them. It gives what the blocked CPU kernel gives (the output and each row's log-sum-exp);
/// a fused CUDA kernel would save the memory, and is not written yet.
/// </summary>
internal sealed partial class CudaBackend
{
    public void Attention(in AttentionArgs args)
    {
        var (q, k, v, o, lse, batch, tq, tk, hs, scale, causal) = args;
        var (rows, n) = ((long)batch * tq, (long)batch * tq * tk);
        var scores = Allocate(n);
        var logP = Allocate(n);
        var column = Allocate(rows);
        MatMul(new MatMulArgs(new(q, false, (long)tq * hs), new(k, true, (long)tk * hs), scores, (long)tq * tk, batch, tq, tk, hs, 0f)); // S = Q·Kᵀ
        Unary(new UnaryArgs(UnaryOp.MulScalar, scores, scores, n, scale));
        Softmax(new SoftmaxArgs(scores, logP, (int)rows, tk, causal, tq, Log: true));                  // log P = S − L

        // No key is ever masked in column 0, so there L = S − log P.
        CopyBlocks(new CopyBlocksArgs(scores, 0, tk, lse, 0, 1, (int)rows, 1));
        CopyBlocks(new CopyBlocksArgs(logP, 0, tk, column, 0, 1, (int)rows, 1));
        Binary(new BinaryArgs(BinaryOp.Subtract, lse, [(int)rows], column, [(int)rows], lse, [(int)rows]));
        Unary(new UnaryArgs(UnaryOp.Exp, logP, scores, n, 0f));                                        // P
        MatMul(new MatMulArgs(new(scores, false, (long)tq * tk), new(v, false, (long)tk * hs), o, (long)tq * hs, batch, tq, hs, tk, 0f)); // O = P·V
        foreach (var temporary in new[] { scores, logP, column })
        {
            Release(temporary);
        }
    }

    public void AttentionBackward(in AttentionBackwardArgs args)
    {
        var ((q, k, v, _, _, batch, tq, tk, hs, scale, causal), dout, dq, dk, dv) = args;
        var n = (long)batch * tq * tk;
        var p = Allocate(n);
        var dp = Allocate(n);
        var (strideQ, strideK, strideS) = ((long)tq * hs, (long)tk * hs, (long)tq * tk);
        MatMul(new MatMulArgs(new(q, false, strideQ), new(k, true, strideK), p, strideS, batch, tq, tk, hs, 0f));
        Unary(new UnaryArgs(UnaryOp.MulScalar, p, p, n, scale));
        Softmax(new SoftmaxArgs(p, p, batch * tq, tk, causal, tq, Log: false));                          // P, recomputed
        if (dv is not null)
        {
            MatMul(new MatMulArgs(new(p, true, strideS), new(dout, false, strideQ), dv, strideK, batch, tk, hs, tq, 1f)); // dV += Pᵀ·dO
        }

        if (dq is not null || dk is not null)
        {
            MatMul(new MatMulArgs(new(dout, false, strideQ), new(v, true, strideK), dp, strideS, batch, tq, tk, hs, 0f)); // dP = dO·Vᵀ
            SoftmaxBackward(new SoftmaxBackwardArgs(p, dp, dp, batch * tq, tk, Log: false, Accumulate: false));           // dS = P∘(dP − D)
            Unary(new UnaryArgs(UnaryOp.MulScalar, dp, dp, n, scale));
            if (dq is not null)
            {
                MatMul(new MatMulArgs(new(dp, false, strideS), new(k, false, strideK), dq, strideQ, batch, tq, hs, tk, 1f)); // dQ += dS·K
            }

            if (dk is not null)
            {
                MatMul(new MatMulArgs(new(dp, true, strideS), new(q, false, strideQ), dk, strideK, batch, tk, hs, tq, 1f)); // dK += dSᵀ·Q
            }
        }

        Release(p);
        Release(dp);
    }
}
