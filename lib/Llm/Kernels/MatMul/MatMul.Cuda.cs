using static Llm.Kernels.CudaException;

namespace Llm.Kernels;

/// <summary>Matrix products through cuBLAS, and transposes.</summary>
internal sealed partial class CudaBackend
{
    private int mathMode = Cublas.DefaultMath;

    /// <summary>
    /// c[i] = beta·c[i] + op(a[i])·op(b[i]). cuBLAS is column-major, and a row-major matrix read
    /// column-major is its transpose. So the row-major product C = op(A)·op(B) is computed as the
    /// column-major product Cᵀ = op(B)ᵀ·op(A)ᵀ: B goes first, m and n swap, and each operand keeps
    /// its own transpose flag (cuBLAS documentation, cublas&lt;t&gt;gemmStridedBatched).
    /// </summary>
    public unsafe void MatMul(in MatMulArgs args)
    {
        var ((a, transA, strideA), (b, transB, strideB), c, strideC, batch, m, n, k, beta) = args;
        if (batch <= 0 || m <= 0 || n <= 0)
        {
            return;
        }

        using var scope = Enter();
        SetMathMode();
        var (pa, pb, pc) = (Gpu(a).Pointer, Gpu(b).Pointer, Gpu(c).Pointer);

        // Leading dimensions of the row-major operands: the length of their stored rows.
        var lda = Math.Max(1, transA ? m : k);
        var ldb = Math.Max(1, transB ? k : n);
        var opA = transA ? Cublas.OpT : Cublas.OpN;
        var opB = transB ? Cublas.OpT : Cublas.OpN;
        var one = 1f;
        if (strideC != 0 || batch == 1)
        {
            CheckCublas(Cublas.cublasSgemmStridedBatched(cuda.Blas, opB, opA, n, m, k, &one, pb, ldb, strideB, pa, lda, strideA, &beta, pc, n, strideC, batch), "cublasSgemmStridedBatched");
            return;
        }

        // Every batch adds into the same output (a shared operand's gradient). Batches writing one
        // matrix at once would race, so they go one after another: beta for the first, then 1.
        for (var i = 0; i < batch; i++)
        {
            var betaHere = i == 0 ? beta : 1f;
            var ai = pa + ((ulong)(i * strideA) * sizeof(float));
            var bi = pb + ((ulong)(i * strideB) * sizeof(float));
            CheckCublas(Cublas.cublasSgemmStridedBatched(cuda.Blas, opB, opA, n, m, k, &one, bi, ldb, 0, ai, lda, 0, &betaHere, pc, n, 0, 1), "cublasSgemmStridedBatched");
        }
    }

    // TF32 tensor cores when CudaOptions.AllowTf32 is set (about 8× the fp32 rate on an H100, with
    // 10-bit mantissas in the products); plain fp32 otherwise, which is what the CPU computes.
    private void SetMathMode()
    {
        var wanted = CudaOptions.AllowTf32 ? Cublas.Tf32TensorOpMath : Cublas.DefaultMath;
        if (wanted != mathMode)
        {
            CheckCublas(Cublas.cublasSetMathMode(cuda.Blas, wanted), "cublasSetMathMode");
            mathMode = wanted;
        }
    }
}
