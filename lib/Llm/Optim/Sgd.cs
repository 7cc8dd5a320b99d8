using Llm.Nn;

namespace Llm.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, as torch.optim.SGD:
/// v ← μ·v + g, p ← p − lr·v (plain SGD when μ = 0: p ← p − lr·g).
/// </summary>
public sealed class Sgd
{
    private readonly (Tensor Param, Tensor? Velocity)[] state;

    public Sgd(IEnumerable<Tensor> parameters, float lr, float momentum = 0f)
    {
        state = parameters.DistinctBy(p => p, ReferenceEqualityComparer.Instance)
            .Select(p => (p, momentum > 0f ? p.PersistentZeros() : null))
            .ToArray();
        LearningRate = lr;
        Momentum = momentum;
    }

    public Sgd(Module model, float lr, float momentum = 0f)
        : this(model.Parameters(), lr, momentum)
    {
    }

    public float LearningRate { get; set; }

    public float Momentum { get; }

    /// <summary>Moves every parameter a small step against its gradient.</summary>
    public void Step()
    {
        using (Tensor.NoGrad())
        {
            foreach (var (param, velocity) in state)
            {
                if (param.Grad is null)
                {
                    continue;
                }

                var direction = param.Grad;
                if (velocity is not null)
                {
                    velocity.CopyFrom((velocity * Momentum) + param.Grad); // v ← μ·v + g
                    direction = velocity;
                }

                param.CopyFrom(param - (direction * LearningRate));      // p ← p − lr·v
            }
        }
    }

    public void ZeroGrad()
    {
        foreach (var (param, _) in state)
        {
            param.ZeroGrad();
        }
    }
}
