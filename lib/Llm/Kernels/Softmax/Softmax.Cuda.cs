
namespace Llm.Kernels;

/// <summary>Kernels that work one row per block: softmax, cross-entropy, layer norm.</summary>
internal sealed partial class CudaBackend
{
    public void Softmax(in SoftmaxArgs args)
    {
        var (x, y, rows, cols, causal, tq, log) = args;
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        Launch(KernelSource.SoftmaxForward, ForRows(rows, cols), x, y, rows, cols, causal, Math.Max(1, tq), log);
    }

    public void SoftmaxBackward(in SoftmaxBackwardArgs args)
    {
        var (y, dy, dx, rows, cols, log, accumulate) = args;
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        Launch(KernelSource.SoftmaxBackward, ForRows(rows, cols), y, dy, dx, rows, cols, log, accumulate);
    }
}
