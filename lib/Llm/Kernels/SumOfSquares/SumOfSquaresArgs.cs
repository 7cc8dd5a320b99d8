namespace Llm.Kernels;

/// <summary>Σ x² over N elements, summed in float64 for a stable norm, written to Total[0].</summary>
public readonly record struct SumOfSquaresArgs(Storage X, long N, double[] Total) : IKernelArgs<SumOfSquaresArgs>
{
    public string Kernel => "SumOfSquares";

    public KernelCost Cost => KernelCost.Elements(read: N, written: 0);

    public static void Run(IBackend backend, in SumOfSquaresArgs args) => backend.SumOfSquares(args);
}
