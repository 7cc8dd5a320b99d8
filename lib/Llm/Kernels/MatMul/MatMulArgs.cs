namespace Llm.Kernels;

/// <summary>
/// One operand of a batched matrix product: its numbers, whether the product reads each matrix
/// transposed, and how many floats apart the batch's matrices are (0: one matrix shared by every batch).
/// </summary>
public readonly record struct Operand(Storage Data, bool Transposed, long Stride);

/// <summary>
/// C[i] = Beta·C[i] + op(A[i])·op(B[i]) for i &lt; Batch, where op transposes when the operand says so.
/// op(A[i]) is M×K, op(B[i]) is K×N and C[i] is M×N, all row-major; C's matrices are StrideC apart.
/// Beta = 1 adds the product to what C holds (a gradient being accumulated, a bias already copied in).
/// </summary>
public readonly record struct MatMulArgs(Operand A, Operand B, Storage C, long StrideC, int Batch, int M, int N, int K, float Beta) : IKernelArgs<MatMulArgs>
{
    public string Kernel => Batch > 1 ? "MatMul batched" : "MatMul";

    /// <summary>M·N·K multiply-adds per product; an operand with stride 0 is read once for the whole batch.</summary>
    public KernelCost Cost
    {
        get
        {
            var read = ((A.Stride == 0 ? 1L : Batch) * M * K) + ((B.Stride == 0 ? 1L : Batch) * K * N) + (Beta != 0 ? (long)Batch * M * N : 0);
            return new((long)Batch * M * N * K, sizeof(float) * read, sizeof(float) * (long)Batch * M * N);
        }
    }

    public static void Run(IBackend backend, in MatMulArgs args) => backend.MatMul(args);

    /// <summary>
    /// The product for A's gradient, written into <paramref name="dA"/> (added when beta is 1). From
    /// C = op(A)·op(B): d op(A) = dC·op(B)ᵀ. When A is read transposed its gradient is the transpose
    /// of that, op(B)·dCᵀ, so the operands swap instead of anything being copied.
    /// </summary>
    public MatMulArgs GradA(Storage dC, Storage dA, float beta) => A.Transposed
        ? new(B, new(dC, true, StrideC), dA, A.Stride, Batch, K, M, N, beta)                         // dA = op(B) · dCᵀ   [K, M]
        : new(new(dC, false, StrideC), B with { Transposed = !B.Transposed }, dA, A.Stride, Batch, M, K, N, beta); // dA = dC · op(B)ᵀ   [M, K]

    /// <summary>The product for B's gradient: d op(B) = op(A)ᵀ·dC, or its transpose dCᵀ·op(A) when B is read transposed.</summary>
    public MatMulArgs GradB(Storage dC, Storage dB, float beta) => B.Transposed
        ? new(new(dC, true, StrideC), A, dB, B.Stride, Batch, N, K, M, beta)                         // dB = dCᵀ · op(A)   [N, K]
        : new(A with { Transposed = !A.Transposed }, new(dC, false, StrideC), dB, B.Stride, Batch, K, N, M, beta); // dB = op(A)ᵀ · dC   [K, N]
}
