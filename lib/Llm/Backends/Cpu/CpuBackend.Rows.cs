using System.Numerics.Tensors;

namespace Llm.Backends.Cpu;

/// <summary>Kernels that work one row at a time: softmax and cross-entropy.</summary>
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
}
