using static Llm.Kernels.CudaException;

namespace Llm.Kernels;

/// <summary>Transposes two axes of a tensor on the GPU.</summary>
internal sealed partial class CudaBackend
{
    public void Transpose(Storage src, Storage dst, int outer, int d1, int mid, int d2, int inner)
    {
        var n = (long)outer * d1 * mid * d2 * inner;
        if (n == 0)
        {
            return;
        }

        RequireInt32(n, "Transpose");
        Launch(KernelSource.Transpose, ForElements(n), src, dst, outer, d1, mid, d2, inner, (uint)n);
    }
}
