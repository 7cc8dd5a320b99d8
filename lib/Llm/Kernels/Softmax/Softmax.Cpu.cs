using System.Numerics.Tensors;

namespace Llm.Kernels;

/// <summary>Kernels that work one row at a time: softmax and cross-entropy.</summary>
public sealed partial class CpuBackend
{
    public void Softmax(in SoftmaxArgs args)
    {
        var (x, y, rows, cols, causal, tq, log) = args;
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

    public void SoftmaxBackward(in SoftmaxBackwardArgs args)
    {
        var (y, dy, dx, rows, cols, log, accumulate) = args;
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
}
