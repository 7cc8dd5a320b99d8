
namespace Llm.Kernels;

/// <summary>Kernels that work one row per block: softmax, cross-entropy, layer norm.</summary>
internal sealed partial class CudaBackend
{
    public void Softmax(Storage x, Storage y, int rows, int cols, bool causal, int tq, bool log)
    {
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        Launch(KernelSource.SoftmaxForward, ForRows(rows, cols), x, y, rows, cols, causal, Math.Max(1, tq), log);
    }

    public void SoftmaxBackward(Storage y, Storage dy, Storage dx, int rows, int cols, bool log, bool accumulate)
    {
        if (rows <= 0 || cols <= 0)
        {
            return;
        }

        Launch(KernelSource.SoftmaxBackward, ForRows(rows, cols), y, dy, dx, rows, cols, log, accumulate);
    }
}
