using System.Numerics.Tensors;

namespace Llm.Kernels;

/// <summary>Layer normalization over the last axis, forward and backward.</summary>
public sealed partial class CpuBackend
{
    // Rows per chunk of the backward pass. Each chunk sums its own share of dweight and dbias, and
    // the chunks are added in order afterwards: the same sums on any number of threads.
    private const int LayerNormChunk = 32;

    public void LayerNorm(in LayerNormArgs args)
    {
        var (x, weight, bias, y, mean, rstd, rows, cols, eps) = args;
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

    public void LayerNormBackward(in LayerNormBackwardArgs args)
    {
        var (dy, x, weight, mean, rstd, dx, dweight, dbias, rows, cols) = args;
        var g = Data(dy);
        var xv = Data(x);
        var w = Data(weight);
        var mv = Data(mean);
        var rv = Data(rstd);
        var dxv = dx is null ? null : Data(dx);
        var chunks = (rows + LayerNormChunk - 1) / LayerNormChunk;
        var partW = dweight is null ? null : ZeroedScratch((long)chunks * cols);
        var partB = dbias is null ? null : ZeroedScratch((long)chunks * cols);
        CpuParallel.For(chunks, (long)LayerNormChunk * cols * 8, (first, end) =>
        {
            Span<float> xhat = cols <= 4096 ? stackalloc float[cols] : new float[cols];
            Span<float> dxhat = cols <= 4096 ? stackalloc float[cols] : new float[cols];
            for (var chunk = first; chunk < end; chunk++)
            {
                for (var r = chunk * LayerNormChunk; r < Math.Min(rows, (chunk + 1) * LayerNormChunk); r++)
                {
                    var gr = g.AsSpan(r * cols, cols);
                    TensorPrimitives.Subtract(xv.AsSpan(r * cols, cols), mv[r], xhat);
                    TensorPrimitives.Multiply(xhat, rv[r], xhat);                    // x̂ = (x − μ)·rstd
                    if (partB is not null)
                    {
                        var sum = partB.AsSpan(chunk * cols, cols);
                        TensorPrimitives.Add(sum, gr, sum);                          // dbias += dy
                    }

                    if (partW is not null)
                    {
                        var sum = partW.AsSpan(chunk * cols, cols);
                        TensorPrimitives.Multiply(gr, xhat, dxhat);
                        TensorPrimitives.Add(sum, dxhat, sum);                       // dweight += dy·x̂
                    }

                    if (dxv is not null)
                    {
                        // dx̂ = dy·w;  dx = rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂))
                        TensorPrimitives.Multiply(gr, w, dxhat);
                        var meanDxhat = TensorPrimitives.Sum(dxhat) / cols;
                        var meanDxhatXhat = TensorPrimitives.Dot(dxhat, xhat) / cols;
                        TensorPrimitives.Multiply(xhat, meanDxhatXhat, xhat);
                        TensorPrimitives.Subtract(dxhat, xhat, dxhat);
                        TensorPrimitives.Subtract(dxhat, meanDxhat, dxhat);
                        TensorPrimitives.Multiply(dxhat, rv[r], dxhat);
                        var target = dxv.AsSpan(r * cols, cols);
                        TensorPrimitives.Add(target, dxhat, target);
                    }
                }
            }
        });

        AddChunks(partW, dweight, chunks, cols);
        AddChunks(partB, dbias, chunks, cols);
        GiveBack(partW);
        GiveBack(partB);
    }

    /// <summary>A zeroed scratch array from the shared free lists (at T=256 the partial sums pass 85 KB, where a plain array would land on the large-object heap every call).</summary>
    private static float[] ZeroedScratch(long length)
    {
        var array = CpuArrays.Take(length);
        Array.Clear(array);
        return array;
    }

    private static void GiveBack(float[]? scratch)
    {
        if (scratch is not null)
        {
            CpuArrays.Give(scratch);
        }
    }

    /// <summary>target += the chunks' partial sums, in chunk order.</summary>
    private static void AddChunks(float[]? parts, Storage? target, int chunks, int cols)
    {
        if (parts is null || target is null)
        {
            return;
        }

        var sum = Data(target).AsSpan(0, cols);
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            TensorPrimitives.Add(sum, parts.AsSpan(chunk * cols, cols), sum);
        }
    }
}
