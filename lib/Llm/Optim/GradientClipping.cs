using Llm.Kernels;

namespace Llm.Optim;

/// <summary>Clipping by global norm (torch.nn.utils.clip_grad_norm_): one bad batch cannot throw the weights far.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales every gradient by maxNorm / ‖g‖ when the norm of all gradients together exceeds
    /// maxNorm. Returns the norm before clipping (worth logging: spikes show trouble).
    /// </summary>
    public static float ClipGradNorm(IEnumerable<Tensor> parameters, float maxNorm)
    {
        var withGrad = parameters.Where(p => p.Grad is not null).DistinctBy(p => p, ReferenceEqualityComparer.Instance).ToArray();
        double sumOfSquares = 0;
        var total = new double[1];
        foreach (var p in withGrad)
        {
            p.Backend.Run(new SumOfSquaresArgs(p.Grad!.Storage, p.Numel, total));
            sumOfSquares += total[0];
        }

        var norm = (float)Math.Sqrt(sumOfSquares);
        if (norm > maxNorm && float.IsFinite(norm))
        {
            var scale = maxNorm / (norm + 1e-6f);
            foreach (var p in withGrad)
            {
                p.Backend.Run(new UnaryArgs(UnaryOp.MulScalar, p.Grad!.Storage, p.Grad.Storage, p.Numel, scale));
            }
        }

        return norm;
    }
}
