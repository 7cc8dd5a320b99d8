using static Llm.Kernels.CudaException;

namespace Llm.Kernels;

/// <summary>Dropout on the GPU with the CPU's counter-based mask.</summary>
internal sealed partial class CudaBackend
{
    public void Dropout(in DropoutArgs args)
    {
        var (x, y, n, p, seed, accumulate) = args;
        if (n <= 0)
        {
            return;
        }

        // The same threshold and scale as the CPU backend, so both keep the same elements.
        var threshold = DropoutArgs.Threshold(p);
        var scale = 1f / (1f - p);
        Launch(KernelSource.Dropout, ForElements(n), x, y, n, threshold, scale, seed, accumulate);
    }
}
