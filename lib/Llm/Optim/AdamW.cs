using Llm.Kernels;
using Llm.Nn;

namespace Llm.Optim;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019), as torch.optim.AdamW:
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p·(1 − lr·λ) − lr·m̂/(√v̂ + ε).
/// Weight decay applies only to parameters marked for it (matrices of Linear layers), not to
/// biases, norms or embeddings.
/// </summary>
public sealed class AdamW
{
    private readonly (Tensor Param, bool Decay, Tensor M, Tensor V)[] state;

    public AdamW(IEnumerable<Parameter> parameters, float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float weightDecay = 0.01f)
    {
        state = parameters
            .DistinctBy(p => p.Tensor, ReferenceEqualityComparer.Instance)
            .Select(p => (p.Tensor, p.Decay, p.Tensor.PersistentZeros(), p.Tensor.PersistentZeros()))
            .ToArray();
        LearningRate = lr;
        (Beta1, Beta2, Eps, WeightDecay) = (beta1, beta2, eps, weightDecay);
    }

    /// <summary>Optimises every parameter of a module, with decay where the module marked it.</summary>
    public AdamW(Module model, float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float weightDecay = 0.01f)
        : this(model.NamedParameters(), lr, beta1, beta2, eps, weightDecay)
    {
    }

    /// <summary>The learning rate for the next step (a schedule may change it every step).</summary>
    public float LearningRate { get; set; }

    public float Beta1 { get; }

    public float Beta2 { get; }

    public float Eps { get; }

    public float WeightDecay { get; }

    /// <summary>Steps taken so far (for bias correction).</summary>
    public int StepCount { get; set; }

    /// <summary>First and second moments of each parameter, for checkpoints.</summary>
    public IEnumerable<(Tensor Param, Tensor M, Tensor V)> Moments => state.Select(s => (s.Param, s.M, s.V));

    /// <summary>Updates every parameter that has a gradient.</summary>
    public void Step()
    {
        StepCount++;
        foreach (var (param, decay, m, v) in state)
        {
            if (param.Grad is null)
            {
                continue;
            }

            param.Backend.Run(new AdamWArgs(param.Storage, param.Grad.Storage, m.Storage, v.Storage, param.Numel, LearningRate, Beta1, Beta2, Eps, decay ? WeightDecay : 0f, StepCount));
        }
    }

    /// <summary>Clears the gradients of every optimised parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var s in state)
        {
            s.Param.ZeroGrad();
        }
    }
}
