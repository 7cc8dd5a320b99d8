namespace Llm.Kernels;

/// <summary>
/// y = (x − mean) / √(var + Eps) · weight + bias over rows of Cols numbers (Ba, Kiros, Hinton 2016);
/// saves each row's mean and 1/std (Rstd) for the backward.
/// </summary>
public readonly record struct LayerNormArgs(Storage X, Storage Weight, Storage Bias, Storage Y, Storage Mean, Storage Rstd, int Rows, int Cols, float Eps) : IKernelArgs<LayerNormArgs>
{
    public string Kernel => "LayerNorm";

    public KernelCost Cost => KernelCost.Elements(read: ((long)Rows * Cols) + (2L * Cols), written: ((long)Rows * Cols) + (2L * Rows));

    public static void Run(IBackend backend, in LayerNormArgs args) => backend.LayerNorm(args);

    /// <summary>The backward of this call, adding into whichever of dx, dweight and dbias are given.</summary>
    public LayerNormBackwardArgs Backward(Storage dy, Storage? dx, Storage? dweight, Storage? dbias) => new(dy, X, Weight, Mean, Rstd, dx, dweight, dbias, Rows, Cols);
}

/// <summary>
/// Adds the gradients of layer norm into DX, DWeight and DBias (any of which may be null), from the
/// saved mean and rstd. With x̂ = (x − mean)·rstd and dx̂ = dy·weight:
/// dbias += Σ dy; dweight += Σ dy·x̂; dx += rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)).
/// </summary>
public readonly record struct LayerNormBackwardArgs(Storage Dy, Storage X, Storage Weight, Storage Mean, Storage Rstd, Storage? DX, Storage? DWeight, Storage? DBias, int Rows, int Cols) : IKernelArgs<LayerNormBackwardArgs>
{
    public string Kernel => "LayerNormBackward";

    /// <summary>dy, x, weight and the saved rows are read; dx is added to; dweight and dbias are read and written.</summary>
    public KernelCost Cost
    {
        get
        {
            var elements = (long)Rows * Cols;
            var dx = DX is null ? 0 : elements;
            var parameters = (DWeight is null ? 0 : Cols) + (DBias is null ? 0 : Cols);
            return KernelCost.Elements(read: (2 * elements) + Cols + (2L * Rows) + dx + parameters, written: dx + parameters);
        }
    }

    public static void Run(IBackend backend, in LayerNormBackwardArgs args) => backend.LayerNormBackward(args);
}
