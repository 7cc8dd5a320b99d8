using System.Runtime.InteropServices;

namespace Llm.Kernels;

/// <summary>
/// cuBLAS, NVIDIA's BLAS (cuBLAS documentation, https://docs.nvidia.com/cuda/cublas/). Like all BLAS
/// it is column-major: see <see cref="CudaBackend"/>'s MatMul for how row-major products map onto it.
/// Exported names: cublas_v2.h maps cublasCreate to cublasCreate_v2 and so on; the strided batched
/// GEMM has no _v2 suffix. Status codes are cublasStatus_t, 0 meaning success.
/// </summary>
internal static unsafe partial class Cublas
{
    private const string Library = "cublas";

    // cublasOperation_t
    public const int OpN = 0;
    public const int OpT = 1;

    // cublasMath_t: plain fp32, or fp32 GEMMs on TF32 tensor cores (10-bit mantissa inputs, fp32 accumulation).
    public const int DefaultMath = 0;
    public const int Tf32TensorOpMath = 3;

    static Cublas() => CudaLibraries.InstallResolver();

    [LibraryImport(Library)]
    public static partial int cublasCreate_v2(out nint handle);

    [LibraryImport(Library)]
    public static partial int cublasGetVersion_v2(nint handle, out int version);

    [LibraryImport(Library)]
    public static partial int cublasSetStream_v2(nint handle, nint stream);

    [LibraryImport(Library)]
    public static partial int cublasSetMathMode(nint handle, int mode);

    [LibraryImport(Library)]
    public static partial int cublasSgemmStridedBatched(
        nint handle, int transA, int transB, int m, int n, int k,
        float* alpha, ulong a, int lda, long strideA,
        ulong b, int ldb, long strideB,
        float* beta, ulong c, int ldc, long strideC, int batchCount);
}
