namespace Llm.Kernels;

/// <summary>Cross-entropy of softmax(logits) against target ids, and its gradient with respect to the logits.</summary>
public sealed partial class ReferenceBackend
{
    // logits [rows, vocab], targets [rows] → losses [rows], logSumExp [rows] (saved for backward).
    // loss = −log softmax(x)[t] = log Σ_j e^(x_j) − x_t; a row whose target is ignoreIndex gives 0.
    public void CrossEntropy(in CrossEntropyArgs args)
    {
        var (logits, targets, losses, logSumExp, rows, vocab, ignoreIndex) = args;
        var (lv, loss, lse) = (Data(logits), Data(losses), Data(logSumExp));
        for (var r = 0; r < rows; r++)
        {
            var row = lv.AsSpan(r * vocab, vocab).ToArray();
            var max = row.Max();
            var logSum = max + Math.Log(row.Sum(v => Math.Exp(v - (double)max)));
            lse[r] = (float)logSum;
            loss[r] = targets[r] == ignoreIndex ? 0f : (float)(logSum - row[targets[r]]);
        }
    }

    // dlogits [rows, vocab] (+)= scale·(softmax(x) − onehot(t)): d(log Σ e^x)/dx_j = softmax_j, dx_t/dx_j = δ_tj.
    // Ignored rows get 0.
    public void CrossEntropyBackward(in CrossEntropyBackwardArgs args)
    {
        var (logits, logSumExp, targets, dlogits, rows, vocab, ignoreIndex, scale, accumulate) = args;
        var (lv, lse, dv) = (Data(logits), Data(logSumExp), Data(dlogits));
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < vocab; j++)
            {
                var at = (r * vocab) + j;
                var d = targets[r] == ignoreIndex ? 0 : scale * (Math.Exp(lv[at] - (double)lse[r]) - (j == targets[r] ? 1 : 0));
                dv[at] = (float)(accumulate ? dv[at] + d : d);
            }
        }
    }
}
