namespace Llm.Kernels;

/// <summary>Softmax and log-softmax over rows, with the causal mask as the masked_fill every GPT write-up shows.</summary>
public sealed partial class ReferenceBackend
{
    // x [rows, cols] → y [rows, cols]. With causal, rows are [.., tq, cols] and query i (= row mod tq)
    // may see keys j ≤ i + cols − tq. As in nanoGPT:
    //     att = att.masked_fill(mask == 0, float('-inf'));  att = F.softmax(att, dim=-1)
    // softmax(x)_j = e^(x_j − max) / Σ_k e^(x_k − max); e^(−∞) = 0, so masked keys get probability 0.
    public void Softmax(in SoftmaxArgs args)
    {
        var (x, y, rows, cols, causal, tq, log) = args;
        var (xv, yv) = (Data(x), Data(y));
        for (long r = 0; r < rows; r++)
        {
            var row = new double[cols];
            for (var j = 0; j < cols; j++)
            {
                var future = causal && j > (r % tq) + cols - tq;
                row[j] = future ? double.NegativeInfinity : xv[(r * cols) + j];    // masked_fill(mask, −∞)
            }

            var max = row.Max();
            var sum = row.Sum(v => Math.Exp(v - max));
            for (var j = 0; j < cols; j++)
            {
                var logP = row[j] - max - Math.Log(sum);
                yv[(r * cols) + j] = (float)(log ? logP : Math.Exp(logP));
            }
        }
    }

    // From the output y. Softmax: dx_i = y_i·(dy_i − Σ_j dy_j·y_j), from dy_j/dx_i = y_j·(δ_ij − y_i).
    // Log-softmax: dx_i = dy_i − softmax_i·Σ_j dy_j, from d(log y_j)/dx_i = δ_ij − y_i. A masked
    // entry (y = 0, or −∞ for log-softmax) gets no gradient: masked_fill's backward stops it. As in
    // PyTorch's masked_fill + log_softmax, Σ_j dy_j runs over every entry, masked ones too.
    public void SoftmaxBackward(in SoftmaxBackwardArgs args)
    {
        var (y, dy, dx, rows, cols, log, accumulate) = args;
        var (yv, dyv, dxv) = (Data(y), Data(dy), Data(dx));
        for (long r = 0; r < rows; r++)
        {
            var at = r * cols;
            bool Masked(int j) => log && float.IsNegativeInfinity(yv[at + j]);
            double sum = 0;
            for (var j = 0; j < cols; j++)
            {
                sum += log ? dyv[at + j] : (double)dyv[at + j] * yv[at + j];
            }

            for (var j = 0; j < cols; j++)
            {
                var d = Masked(j) ? 0 : log ? dyv[at + j] - (Math.Exp(yv[at + j]) * sum) : yv[at + j] * (dyv[at + j] - sum);
                dxv[at + j] = (float)(accumulate ? dxv[at + j] + d : d);
            }
        }
    }
}
