using static Llm.Kernels.CudaException;

namespace Llm.Kernels;

/// <summary>Transposes two axes of a tensor on the GPU.</summary>
internal sealed partial class CudaBackend
{
    public void Transpose(in TransposeArgs args)
    {
        var (src, dst, outer, d1, mid, d2, inner) = args;
        var n = (long)outer * d1 * mid * d2 * inner;
        if (n == 0)
        {
            return;
        }

        RequireInt32(n, "Transpose");
        Launch(KernelSource.Transpose, ForElements(n), src, dst, outer, d1, mid, d2, inner, (uint)n);
    }
}
