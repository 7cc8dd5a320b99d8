
namespace Llm.Kernels;

/// <summary>Unary ops and their derivatives on the GPU.</summary>
internal sealed partial class CudaBackend
{
    public void Unary(UnaryOp op, Storage x, Storage y, long n, float scalar)
    {
        if (n <= 0)
        {
            return;
        }

        Launch(KernelSource.Unary, ForElements(n), (int)op, x, y, n, scalar);
    }

    public void UnaryBackward(UnaryOp op, Storage x, Storage y, Storage dy, Storage dx, long n, float scalar, bool accumulate)
    {
        if (n <= 0)
        {
            return;
        }

        Launch(KernelSource.UnaryBackward, ForElements(n), (int)op, x, y, dy, dx, n, scalar, accumulate);
    }
}
