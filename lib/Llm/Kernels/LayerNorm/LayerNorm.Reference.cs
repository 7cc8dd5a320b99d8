namespace Llm.Kernels;

/// <summary>Layer normalization over rows (Ba, Kiros, Hinton 2016), forward and backward.</summary>
public sealed partial class ReferenceBackend
{
    // x [rows, cols], weight and bias [cols] → y [rows, cols]; mean and rstd [rows] saved for backward.
    // x̂ = (x − mean) / √(var + eps) with the biased variance (as PyTorch); y = x̂·weight + bias.
    public void LayerNorm(in LayerNormArgs args)
    {
        var (x, weight, bias, y, mean, rstd, rows, cols, eps) = args;
        var (xv, w, b, yv, mv, rv) = (Data(x), Data(weight), Data(bias), Data(y), Data(mean), Data(rstd));
        for (var r = 0; r < rows; r++)
        {
            var row = xv.AsSpan(r * cols, cols).ToArray();
            var mu = row.Average(v => (double)v);
            var variance = row.Average(v => (v - mu) * (v - mu));
            var inv = 1 / Math.Sqrt(variance + eps);
            (mv[r], rv[r]) = ((float)mu, (float)inv);
            for (var j = 0; j < cols; j++)
            {
                yv[(r * cols) + j] = (float)((((row[j] - mu) * inv) * w[j]) + b[j]);
            }
        }
    }

    // Adds into dx [rows, cols], dweight and dbias [cols] (each may be null). With dx̂ = dy·weight:
    //   dbias += Σ_rows dy;  dweight += Σ_rows dy·x̂;  dx += rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂))
    // (differentiating x̂ through the mean and the variance; e.g. Karpathy, llm.c layernorm.md).
    public void LayerNormBackward(in LayerNormBackwardArgs args)
    {
        var (dy, x, weight, mean, rstd, dx, dweight, dbias, rows, cols) = args;
        var (g, xv, w, mv, rv) = (Data(dy), Data(x), Data(weight), Data(mean), Data(rstd));
        var (dxv, dw, db) = (dx is null ? null : Data(dx), dweight is null ? null : Data(dweight), dbias is null ? null : Data(dbias));
        var (sumW, sumB) = (new double[cols], new double[cols]);
        for (var r = 0; r < rows; r++)
        {
            var xhat = new double[cols];
            var dxhat = new double[cols];
            for (var j = 0; j < cols; j++)
            {
                var at = (r * cols) + j;
                xhat[j] = (xv[at] - (double)mv[r]) * rv[r];
                dxhat[j] = (double)g[at] * w[j];
                sumB[j] += g[at];
                sumW[j] += g[at] * xhat[j];
            }

            var meanDxhat = dxhat.Average();
            var meanDxhatXhat = dxhat.Zip(xhat, (a, b) => a * b).Average();
            for (var j = 0; dxv is not null && j < cols; j++)
            {
                dxv[(r * cols) + j] += (float)(rv[r] * (dxhat[j] - meanDxhat - (xhat[j] * meanDxhatXhat)));
            }
        }

        for (var j = 0; j < cols; j++)
        {
            if (dw is not null)
            {
                dw[j] += (float)sumW[j];
            }

            if (db is not null)
            {
                db[j] += (float)sumB[j];
            }
        }
    }
}
