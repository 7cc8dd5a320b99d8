namespace Llm.Kernels;

/// <summary>Attention in one go, as plain loops: the scores of a query row, their softmax, the weighted sum of values.</summary>
public sealed partial class ReferenceBackend
{
    // For each head b and query i: s_j = Scale·q_i·k_j for the keys it may see, p = softmax(s),
    // o_i = Σ_j p_j·v_j; L_i = log Σ_j e^(s_j) is saved. The whole row of scores at once, in double:
    // this is the definition the blocked kernels are checked against.
    public void Attention(in AttentionArgs args)
    {
        var (q, k, v, o, lse, batch, tq, tk, hs, scale, causal) = args;
        var (qv, kv, vv, ov, lv) = (Data(q), Data(k), Data(v), Data(o), Data(lse));
        for (var b = 0; b < batch; b++)
        {
            for (var i = 0; i < tq; i++)
            {
                var p = Probabilities(qv, kv, b, i, tq, tk, hs, scale, causal, out var logSumExp);
                lv[(b * tq) + i] = (float)logSumExp;
                for (var h = 0; h < hs; h++)
                {
                    double sum = 0;
                    for (var j = 0; j < p.Length; j++)
                    {
                        sum += p[j] * vv[(((long)b * tk) + j) * hs + h];
                    }

                    ov[(((long)b * tq) + i) * hs + h] = (float)sum;
                }
            }
        }
    }

    // The chain rule through o_i = Σ_j p_j·v_j and p = softmax(s), s_j = Scale·q_i·k_j:
    //   dv_j += p_j·do_i;   dp_j = do_i·v_j;   ds_j = p_j·(dp_j − Σ_l p_l·dp_l)   (softmax's backward)
    //   dq_i += Scale·Σ_j ds_j·k_j;   dk_j += Scale·ds_j·q_i
    // (Σ_l p_l·dp_l = do_i·o_i: FlashAttention's D.) Probabilities recomputed from q and k.
    public void AttentionBackward(in AttentionBackwardArgs args)
    {
        var ((q, k, v, _, _, batch, tq, tk, hs, scale, causal), dout, dq, dk, dvv) = args;
        var (qv, kv, vv, dov) = (Data(q), Data(k), Data(v), Data(dout));
        var (dqv, dkv, dvs) = (dq is null ? null : Data(dq), dk is null ? null : Data(dk), dvv is null ? null : Data(dvv));
        for (var b = 0; b < batch; b++)
        {
            for (var i = 0; i < tq; i++)
            {
                var p = Probabilities(qv, kv, b, i, tq, tk, hs, scale, causal, out _);
                var row = (((long)b * tq) + i) * hs;
                var dp = new double[p.Length];
                for (var j = 0; j < p.Length; j++)
                {
                    for (var h = 0; h < hs; h++)
                    {
                        dp[j] += (double)dov[row + h] * vv[(((long)b * tk) + j) * hs + h];
                    }
                }

                var d = p.Zip(dp, (pj, dpj) => pj * dpj).Sum();
                for (var j = 0; j < p.Length; j++)
                {
                    var ds = p[j] * (dp[j] - d) * scale;
                    var key = (((long)b * tk) + j) * hs;
                    for (var h = 0; h < hs; h++)
                    {
                        if (dqv is not null)
                        {
                            dqv[row + h] += (float)(ds * kv[key + h]);
                        }

                        if (dkv is not null)
                        {
                            dkv[key + h] += (float)(ds * qv[row + h]);
                        }

                        if (dvs is not null)
                        {
                            dvs[key + h] += (float)(p[j] * dov[row + h]);
                        }
                    }
                }
            }
        }
    }

    // softmax over the keys query i of head b may see (all of them, or j ≤ i + tk − tq); its log-sum-exp.
    private static double[] Probabilities(float[] qv, float[] kv, int b, int i, int tq, int tk, int hs, float scale, bool causal, out double logSumExp)
    {
        var seen = causal ? Math.Min(tk, i + tk - tq + 1) : tk;
        var s = new double[seen];
        for (var j = 0; j < seen; j++)
        {
            double dot = 0;
            for (var h = 0; h < hs; h++)
            {
                dot += (double)qv[(((long)b * tq) + i) * hs + h] * kv[(((long)b * tk) + j) * hs + h];
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
