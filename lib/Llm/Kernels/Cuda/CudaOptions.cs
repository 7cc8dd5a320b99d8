namespace Llm.Kernels;

/// <summary>Settings of the CUDA backend.</summary>
public static class CudaOptions
{
    /// <summary>
    /// Lets cuBLAS run fp32 matrix products on TF32 tensor cores (inputs rounded to 10-bit
    /// mantissas, fp32 sums), as PyTorch's <c>torch.backends.cuda.matmul.allow_tf32 = True</c>.
    /// Much faster on Ampere and newer GPUs, slightly less exact; off by default so results match the CPU.
    /// </summary>
    public static bool AllowTf32 { get; set; }
}
