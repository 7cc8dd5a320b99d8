using System.Numerics.Tensors;

namespace Llm.Kernels;

/// <summary>The sum of squares in double, for the gradient norm.</summary>
public sealed partial class CpuBackend
{
    public void SumOfSquares(in SumOfSquaresArgs args) => args.Total[0] = SumOfSquares(args.X, args.N);

    private double SumOfSquares(Storage x, long n)
    {
        var xv = Data(x);
        const int block = 4096;
        var blocks = (int)((n + block - 1) / block);
        var partial = new double[blocks];
        CpuParallel.For(blocks, block, (b0, b1) =>
        {
            for (var b = b0; b < b1; b++)
            {
                var span = xv.AsSpan(b * block, (int)Math.Min(block, n - (b * (long)block)));
                partial[b] = TensorPrimitives.SumOfSquares(span);
            }
        });

        // Partial sums are added in block order, so the total never depends on the thread count.
        return partial.Sum();
    }
}
