using System.Numerics.Tensors;

namespace Llm.Backends.Cpu;

/// <summary>Kernels that work one row at a time: softmax, cross-entropy, layer norm.</summary>
internal sealed partial class CpuBackend
{
    public void Softmax(Storage x, Storage y, int rows, int cols, bool causal, int tq, bool log)
    {
        var xv = Data(x);
        var yv = Data(y);
        CpuParallel.For(rows, cols * 4, (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                // With the causal mask, query i of tq may look at keys 0 .. i + (cols − tq).
                var valid = causal ? Math.Min(cols, (r % tq) + cols - tq + 1) : cols;
                var row = xv.AsSpan(r * cols, valid);
                var outRow = yv.AsSpan(r * cols, cols);
                var max = TensorPrimitives.Max(row);
                TensorPrimitives.Subtract(row, max, outRow[..valid]);
                if (log)
                {
                    // log softmax = (x − max) − log Σ exp(x − max)
                    var sum = 0f;
                    foreach (var v in outRow[..valid])
                    {
                        sum += MathF.Exp(v);
                    }

                    TensorPrimitives.Subtract(outRow[..valid], MathF.Log(sum), outRow[..valid]);
                    outRow[valid..].Fill(float.NegativeInfinity);
                }
                else
                {
                    TensorPrimitives.Exp(outRow[..valid], outRow[..valid]);
                    var sum = TensorPrimitives.Sum(outRow[..valid]);
                    TensorPrimitives.Multiply(outRow[..valid], 1f / sum, outRow[..valid]);
                    outRow[valid..].Clear();
                }
            }
        });
    }

    public void SoftmaxBackward(Storage y, Storage dy, Storage dx, int rows, int cols, bool log, bool accumulate)
    {
        var yv = Data(y);
        var dyv = Data(dy);
        var dxv = Data(dx);
        CpuParallel.For(rows, cols * 4, (start, end) =>
        {
            Span<float> local = cols <= 4096 ? stackalloc float[cols] : new float[cols];
            for (var r = start; r < end; r++)
            {
                var yr = yv.AsSpan(r * cols, cols);
                var gr = dyv.AsSpan(r * cols, cols);
                if (log)
                {
                    // dx = dy − softmax · Σ dy   (softmax = exp(log softmax); masked entries give exp(−∞) = 0)
                    var sum = TensorPrimitives.Sum(gr);
                    TensorPrimitives.Exp(yr, local);
                    TensorPrimitives.Multiply(local, -sum, local);
                    TensorPrimitives.Add(local, gr, local);

                    // A masked entry (output −∞) is a constant, not a function of its input: no gradient reaches it.
                    for (var j = 0; j < cols; j++)
                    {
                        if (float.IsNegativeInfinity(yr[j]))
                        {
                            local[j] = 0f;
                        }
                    }
                }
                else
                {
                    // dx = y · (dy − Σ dy·y)
                    var dot = TensorPrimitives.Dot(gr, yr);
                    TensorPrimitives.Subtract(gr, dot, local);
                    TensorPrimitives.Multiply(local, yr, local);
                }

                var target = dxv.AsSpan(r * cols, cols);
                if (accumulate)
                {
                    TensorPrimitives.Add(target, local, target);
                }
                else
                {
                    local.CopyTo(target);
                }
            }
        });
    }

    public void CrossEntropy(Storage logits, int[] targets, Storage losses, Storage logSumExp, int rows, int vocab, int ignoreIndex)
    {
        var lv = Data(logits);
        var loss = Data(losses);
        var lse = Data(logSumExp);
        CpuParallel.For(rows, vocab * 4, (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var row = lv.AsSpan(r * vocab, vocab);
                var max = TensorPrimitives.Max(row);
                double sum = 0;
                foreach (var v in row)
                {
                    sum += MathF.Exp(v - max);
                }

                var l = max + (float)Math.Log(sum);
                lse[r] = l;
                loss[r] = targets[r] == ignoreIndex ? 0f : l - row[targets[r]];
            }
        });
    }

    public void CrossEntropyBackward(Storage logits, Storage logSumExp, int[] targets, Storage dlogits, int rows, int vocab, int ignoreIndex, float scale, bool accumulate)
    {
        var lv = Data(logits);
        var lse = Data(logSumExp);
        var dv = Data(dlogits);
        CpuParallel.For(rows, vocab * 4, (start, end) =>
        {
            Span<float> local = vocab <= 4096 ? stackalloc float[vocab] : new float[vocab];
            for (var r = start; r < end; r++)
            {
                var target = dv.AsSpan(r * vocab, vocab);
                if (targets[r] == ignoreIndex)
                {
                    if (!accumulate)
                    {
                        target.Clear();
                    }

                    continue;
                }

                // d loss / d logit_j = softmax_j − [j == target], times the upstream scale.
                TensorPrimitives.Subtract(lv.AsSpan(r * vocab, vocab), lse[r], local);
                TensorPrimitives.Exp(local, local);
                local[targets[r]] -= 1f;
                if (accumulate)
                {
                    TensorPrimitives.MultiplyAdd(local, scale, target, target);
                }
                else
                {
                    TensorPrimitives.Multiply(local, scale, target);
                }
            }
        });
    }

    public void LayerNorm(Storage x, Storage weight, Storage bias, Storage y, Storage mean, Storage rstd, int rows, int cols, float eps)
    {
        var xv = Data(x);
        var w = Data(weight);
        var b = Data(bias);
        var yv = Data(y);
        var mv = Data(mean);
        var rv = Data(rstd);
        CpuParallel.For(rows, cols * 3, (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var row = xv.AsSpan(r * cols, cols);
                var outRow = yv.AsSpan(r * cols, cols);
                var mu = TensorPrimitives.Sum(row) / cols;
                TensorPrimitives.Subtract(row, mu, outRow);
                var variance = TensorPrimitives.SumOfSquares(outRow) / cols; // biased, as PyTorch
                var inv = 1f / MathF.Sqrt(variance + eps);
                mv[r] = mu;
                rv[r] = inv;
                TensorPrimitives.Multiply(outRow, inv, outRow);
                TensorPrimitives.FusedMultiplyAdd(outRow, w, b, outRow);
            }
        });
    }

    public void LayerNormBackward(Storage dy, Storage x, Storage weight, Storage mean, Storage rstd, Storage? dx, Storage? dweight, Storage? dbias, int rows, int cols)
    {
        var g = Data(dy);
        var xv = Data(x);
        var w = Data(weight);
        var mv = Data(mean);
        var rv = Data(rstd);
        if (dx is not null)
        {
            var dxv = Data(dx);
            CpuParallel.For(rows, cols * 6, (start, end) =>
            {
                Span<float> xhat = cols <= 4096 ? stackalloc float[cols] : new float[cols];
                Span<float> dxhat = cols <= 4096 ? stackalloc float[cols] : new float[cols];
                for (var r = start; r < end; r++)
                {
                    // x̂ = (x − μ)·rstd;  dx̂ = dy·w;  dx = rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂))
                    TensorPrimitives.Subtract(xv.AsSpan(r * cols, cols), mv[r], xhat);
                    TensorPrimitives.Multiply(xhat, rv[r], xhat);
                    TensorPrimitives.Multiply(g.AsSpan(r * cols, cols), w, dxhat);
                    var meanDxhat = TensorPrimitives.Sum(dxhat) / cols;
                    var meanDxhatXhat = TensorPrimitives.Dot(dxhat, xhat) / cols;
                    var target = dxv.AsSpan(r * cols, cols);
                    for (var c = 0; c < cols; c++)
                    {
                        target[c] += rv[r] * (dxhat[c] - meanDxhat - (xhat[c] * meanDxhatXhat));
                    }
                }
            });
        }

        if (dweight is null && dbias is null)
        {
            return;
        }

        // dweight = Σ_rows dy·x̂, dbias = Σ_rows dy; each column block is summed by one thread, in row order.
        var dw = dweight is null ? null : Data(dweight);
        var db = dbias is null ? null : Data(dbias);
        const int block = 64;
        CpuParallel.For((cols + block - 1) / block, (long)rows * block * 3, (b0, b1) =>
        {
            for (var b = b0; b < b1; b++)
            {
                var c0 = b * block;
                var len = Math.Min(block, cols - c0);
                for (var r = 0; r < rows; r++)
                {
                    var gr = g.AsSpan((r * cols) + c0, len);
                    if (db is not null)
                    {
                        TensorPrimitives.Add(db.AsSpan(c0, len), gr, db.AsSpan(c0, len));
                    }

                    if (dw is not null)
                    {
                        var xr = xv.AsSpan((r * cols) + c0, len);
                        for (var c = 0; c < len; c++)
                        {
                            dw[c0 + c] += gr[c] * (xr[c] - mv[r]) * rv[r];
                        }
                    }
                }
            }
        });
    }
}
