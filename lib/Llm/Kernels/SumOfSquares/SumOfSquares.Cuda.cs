using static Llm.Kernels.CudaException;

namespace Llm.Kernels;

/// <summary>The sum of squares, in chunks added in order, for the gradient norm.</summary>
internal sealed partial class CudaBackend
{
    public void SumOfSquares(in SumOfSquaresArgs args) => args.Total[0] = SumOfSquares(args.X, args.N);

    private unsafe double SumOfSquares(Storage x, long n)
    {
        if (n <= 0)
        {
            return 0;
        }

        const long chunk = 1 << 16;
        var chunks = (n + chunk - 1) / chunk;
        using var scope = Enter();
        var partials = cuda.Pool.Rent(chunks * sizeof(double), out var partialBucket);
        var result = cuda.Pool.Rent(sizeof(double), out var resultBucket);
        Launch(KernelSource.SumSquaresChunks, ForChunks(chunks), x, n, chunk, partials);
        Launch(KernelSource.SumDoubles, ForChunks(1), partials, checked((int)chunks), result);
        double total;
        Check(CudaDriver.cuMemcpyDtoHAsync_v2(&total, result, sizeof(double), cuda.Stream), "cuMemcpyDtoHAsync");
        cuda.Synchronize();
        cuda.Pool.Return(partials, partialBucket);
        cuda.Pool.Return(result, resultBucket);
        return total;
    }
}
