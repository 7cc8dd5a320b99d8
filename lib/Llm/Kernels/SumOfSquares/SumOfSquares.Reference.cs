namespace Llm.Kernels;

/// <summary>The sum of squares, as a plain loop in double.</summary>
public sealed partial class ReferenceBackend
{
    // Σ x², for the gradient norm of clipping.
    public void SumOfSquares(in SumOfSquaresArgs args) => args.Total[0] = SumOfSquares(args.X, args.N);

    private double SumOfSquares(Storage x, long n)
    {
        var xv = Data(x);
        double sum = 0;
        for (long i = 0; i < n; i++)
        {
            sum += (double)xv[i] * xv[i];
        }

        return sum;
    }
}
