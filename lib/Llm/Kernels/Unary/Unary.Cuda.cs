
namespace Llm.Kernels;

/// <summary>Unary ops and their derivatives on the GPU.</summary>
internal sealed partial class CudaBackend
{
    public void Unary(in UnaryArgs args)
    {
        var (op, x, y, n, scalar) = args;
        if (n <= 0)
        {
            return;
        }

        Launch(KernelSource.Unary, ForElements(n), (int)op, x, y, n, scalar);
    }

    public void UnaryBackward(in UnaryBackwardArgs args)
    {
        var (op, x, y, dy, dx, n, scalar, accumulate) = args;
        if (n <= 0)
        {
            return;
        }

        Launch(KernelSource.UnaryBackward, ForElements(n), (int)op, x, y, dy, dx, n, scalar, accumulate);
    }
}
