namespace Llm.Kernels;

/// <summary>Attention in one go, as plain loops: the scores of a query row, their softmax, the weighted sum of values.</summary>
public sealed partial class ReferenceBackend
{
    // For each head and query i: s_j = Scale·q_i·k_j for the keys it may see, p = softmax(s),
    // o_i = Σ_j p_j·m_j·v_j with m_j the dropout scale (1 without dropout); L_i = log Σ_j e^(s_j) is
    // saved. The whole row of scores at once, in double: the definition the blocked kernels are checked against.
    public void Attention(in AttentionArgs args)
    {
        var (_, _, v, o, lse, batch, heads, tq, _, hs, _, _, _, _) = args;
        var (vv, ov, lv) = (Data(v.Data), Data(o.Data), Data(lse));
        for (var b = 0; b < batch; b++)
        {
            for (var h = 0; h < heads; h++)
            {
                for (var i = 0; i < tq; i++)
                {
                    var p = Probabilities(args, b, h, i, out var logSumExp);
                    var m = DropoutScales(args, b, h, i, p.Length);
                    lv[(((b * heads) + h) * tq) + i] = (float)logSumExp;
                    for (var d = 0; d < hs; d++)
                    {
                        double sum = 0;
                        for (var j = 0; j < p.Length; j++)
                        {
                            sum += p[j] * m[j] * vv[v.Row(b, h, j) + d];
                        }

                        ov[o.Row(b, h, i) + d] = (float)sum;
                    }
                }
            }
        }
    }

    // The chain rule through o_i = Σ_j p_j·m_j·v_j and p = softmax(s), s_j = Scale·q_i·k_j:
    //   dv_j += p_j·m_j·do_i;   dp_j = m_j·(do_i·v_j);   ds_j = p_j·(dp_j − Σ_l p_l·dp_l)   (softmax's backward)
    //   dq_i += Scale·Σ_j ds_j·k_j;   dk_j += Scale·ds_j·q_i
    // (Σ_l p_l·dp_l = do_i·o_i: FlashAttention's D.) Probabilities and dropout scales drawn again.
    public void AttentionBackward(in AttentionBackwardArgs args)
    {
        var (forward, dout, dq, dk, dvs) = args;
        var (q, k, v, o, _, batch, heads, tq, _, hs, scale, _, _, _) = forward;
        var (qv, kv, vv, dov) = (Data(q.Data), Data(k.Data), Data(v.Data), Data(dout));
        var (dqv, dkv, dvv) = (dq is null ? null : Data(dq), dk is null ? null : Data(dk), dvs is null ? null : Data(dvs));
        for (var b = 0; b < batch; b++)
        {
            for (var h = 0; h < heads; h++)
            {
                for (var i = 0; i < tq; i++)
                {
                    var p = Probabilities(forward, b, h, i, out _);
                    var m = DropoutScales(forward, b, h, i, p.Length);
                    var (row, grad) = (q.Row(b, h, i), o.Row(b, h, i));
                    var dp = new double[p.Length];
                    for (var j = 0; j < p.Length; j++)
                    {
                        for (var d = 0; d < hs; d++)
                        {
                            dp[j] += (double)dov[grad + d] * vv[v.Row(b, h, j) + d];
                        }

                        dp[j] *= m[j];
                    }

                    var dsum = p.Zip(dp, (pj, dpj) => pj * dpj).Sum();
                    for (var j = 0; j < p.Length; j++)
                    {
                        var ds = p[j] * (dp[j] - dsum) * scale;
                        var (key, value) = (k.Row(b, h, j), v.Row(b, h, j));
                        for (var d = 0; d < hs; d++)
                        {
                            if (dqv is not null)
                            {
                                dqv[row + d] += (float)(ds * kv[key + d]);
                            }

                            if (dkv is not null)
                            {
                                dkv[key + d] += (float)(ds * qv[row + d]);
                            }

                            if (dvv is not null)
                            {
                                dvv[value + d] += (float)(p[j] * m[j] * dov[grad + d]);
                            }
                        }
                    }
                }
            }
        }
    }

    // The dropout scale of each weight of query i against keys 0 … count − 1 (all 1 without dropout).
    private static float[] DropoutScales(in AttentionArgs args, int b, int h, int i, int count)
    {
        var m = new float[count];
        args.DropoutScales(b, h, i, 0, m);   // without dropout every hash passes the threshold 0, and is scaled by 1/(1 − 0)
        return m;
    }

    // softmax over the keys query i of head (b, h) may see (all of them, or j ≤ i + tk − tq); its log-sum-exp.
    private static double[] Probabilities(in AttentionArgs args, int b, int h, int i, out double logSumExp)
    {
        var (q, k, _, _, _, _, _, tq, tk, hs, scale, causal, _, _) = args;
        var (qv, kv) = (Data(q.Data), Data(k.Data));
        var seen = causal ? Math.Min(tk, i + tk - tq + 1) : tk;
        var s = new double[seen];
        for (var j = 0; j < seen; j++)
        {
            double dot = 0;
            for (var d = 0; d < hs; d++)
            {
                dot += (double)qv[q.Row(b, h, i) + d] * kv[k.Row(b, h, j) + d];
            }

            s[j] = scale * dot;
        }

        var max = s.Max();
        var sum = s.Sum(x => Math.Exp(x - max));
        logSumExp = max + Math.Log(sum);
        var lse = logSumExp;
        return s.Select(x => Math.Exp(x - lse)).ToArray();
    }
}
