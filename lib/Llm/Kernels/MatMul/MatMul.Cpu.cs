namespace Llm.Kernels;

/// <summary>Matrix products and transposes.</summary>
public sealed partial class CpuBackend
{
    public void MatMul(in MatMulArgs args)
    {
        var ((a, transA, strideA), (b, transB, strideB), c, strideC, batch, m, n, k, beta) = args;
        var av = Data(a);
        var bv = Data(b);
        var cv = Data(c);
        void One(int i, float betaHere) => Gemm.Multiply(
            transA, transB, m, n, k,
            av.AsSpan((int)(i * strideA)), transA ? m : k,
            bv.AsSpan((int)(i * strideB)), transB ? k : n,
            cv.AsSpan((int)(i * strideC)), n,
            betaHere);

        // Many products (attention's per-head q·kᵀ) fill the cores better side by side, one per
        // thread, than one after another each split over the threads, which costs two handovers
        // per product. Each product is still computed whole by one call, so results do not depend
        // on the number of threads. A few big products parallelise inside Gemm instead.
        var sideBySide = (long)m * n * k < (1L << 20) || batch >= 4 * CpuParallel.Threads;
        if (strideC != 0 && batch > 1 && sideBySide)
        {
            CpuParallel.For(batch, (long)m * n * k / 32, (start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    One(i, beta);
                }
            });
            return;
        }

        for (var i = 0; i < batch; i++)
        {
            // A batch whose output stride is 0 adds every product into the same matrix.
            One(i, strideC == 0 && i > 0 ? 1f : beta);
        }
    }
}
