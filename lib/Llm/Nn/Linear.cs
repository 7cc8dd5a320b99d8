namespace Llm.Nn;

/// <summary>
/// y = x·Wᵀ + b, as torch.nn.Linear: weight [out, in], bias [out].
/// Initialised uniform in ±1/√in like PyTorch; models may re-initialise (GPT uses N(0, 0.02)).
/// </summary>
public sealed class Linear : Module
{
    public Linear(int inFeatures, int outFeatures, Generator generator, bool bias = true)
    {
        var bound = 1f / MathF.Sqrt(inFeatures);
        Weight = RegisterParameter("weight", Tensor.Rand([outFeatures, inFeatures], generator, -bound, bound), decay: true);
        Bias = bias ? RegisterParameter("bias", Tensor.Rand([outFeatures], generator, -bound, bound)) : null;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
    }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    /// <summary>x [..., in] → [..., out].</summary>
    public Tensor Forward(Tensor x) => Tensor.Linear(x, Weight, Bias); // (..., in) → (..., out)
}
