using System.Runtime.InteropServices;

namespace Llm.Kernels;

/// <summary>A CUDA, NVRTC or cuBLAS call failed; the message names the call and the library's own error text.</summary>
public sealed class CudaException(string message) : Exception(message)
{
    /// <summary>Throws when a driver call did not succeed, e.g. <c>Check(cuInit(0), "cuInit")</c>.</summary>
    internal static void Check(CuResult result, string call)
    {
        if (result != CuResult.Success)
        {
            throw new CudaException($"{call} failed: {Describe(result)}.");
        }
    }

    /// <summary>Throws when a cuBLAS call did not return CUBLAS_STATUS_SUCCESS (0).</summary>
    internal static void CheckCublas(int status, string call)
    {
        if (status != 0)
        {
            throw new CudaException($"{call} failed: cuBLAS status {status} ({CublasStatusName(status)}).");
        }
    }

    /// <summary>"CUDA_ERROR_OUT_OF_MEMORY (2): out of memory", from the driver's own tables.</summary>
    internal static string Describe(CuResult result)
    {
        try
        {
            var name = CudaDriver.cuGetErrorName(result, out var n) == CuResult.Success ? Marshal.PtrToStringUTF8(n) : null;
            var text = CudaDriver.cuGetErrorString(result, out var s) == CuResult.Success ? Marshal.PtrToStringUTF8(s) : null;
            return $"{name ?? "CUresult"} ({(int)result}){(text is null ? "" : ": " + text)}";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"CUresult {(int)result}";
        }
    }

    // cublasStatus_t (cuBLAS documentation §2.2.1).
    private static string CublasStatusName(int status) => status switch
    {
        1 => "CUBLAS_STATUS_NOT_INITIALIZED: the driver may be older than this cuBLAS",
        3 => "CUBLAS_STATUS_ALLOC_FAILED",
        7 => "CUBLAS_STATUS_INVALID_VALUE",
        8 => "CUBLAS_STATUS_ARCH_MISMATCH",
        11 => "CUBLAS_STATUS_MAPPING_ERROR",
        13 => "CUBLAS_STATUS_EXECUTION_FAILED",
        14 => "CUBLAS_STATUS_INTERNAL_ERROR",
        15 => "CUBLAS_STATUS_NOT_SUPPORTED",
        _ => "see cublasStatus_t",
    };
}
