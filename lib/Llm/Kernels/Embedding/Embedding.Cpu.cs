using System.Numerics.Tensors;

namespace Llm.Kernels;

/// <summary>Embedding lookup and its scatter-add.</summary>
public sealed partial class CpuBackend
{
    public void Embedding(in EmbeddingArgs args)
    {
        var (weight, ids, output, cols) = args;
        var w = Data(weight);
        var o = Data(output);
        CpuParallel.For(ids.Length, cols, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                w.AsSpan(ids[i] * cols, cols).CopyTo(o.AsSpan(i * cols, cols));
            }
        });
    }

    public void EmbeddingBackward(in EmbeddingBackwardArgs args)
    {
        var (dout, ids, dweight, cols) = args;
        var g = Data(dout);
        var dw = Data(dweight);
        // Two positions may hold the same id, so rows cannot be split over threads; columns can.
        const int block = 64;
        CpuParallel.For((cols + block - 1) / block, (long)ids.Length * block, (b0, b1) =>
        {
            for (var b = b0; b < b1; b++)
            {
                var c0 = b * block;
                var len = Math.Min(block, cols - c0);
                for (var i = 0; i < ids.Length; i++)
                {
                    var target = dw.AsSpan((ids[i] * cols) + c0, len);
                    TensorPrimitives.Add(target, g.AsSpan((i * cols) + c0, len), target);
                }
            }
        });
    }
}
