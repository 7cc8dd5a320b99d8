namespace Llm.Nn;

/// <summary>Normalises the last axis to mean 0 and variance 1, then scales and shifts (torch.nn.LayerNorm).</summary>
public sealed class LayerNorm : Module
{
    private readonly float eps;

    public LayerNorm(int dim, float eps = 1e-5f)
    {
        Weight = RegisterParameter("weight", Tensor.Ones(dim));
        Bias = RegisterParameter("bias", Tensor.Zeros(dim));
        this.eps = eps;
    }

    public Tensor Weight { get; }

    public Tensor Bias { get; }

    /// <summary>x [..., dim] → [..., dim].</summary>
    public Tensor Forward(Tensor x) => x.LayerNorm(Weight, Bias, eps);
}
