using Llm.Kernels;

namespace Llm;

/// <summary>Memory for one training step.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Starts a training step: the memory of the tensors made until the returned scope is disposed
    /// (activations, gradients in flight) goes back to the backend when it ends, all at once, and
    /// the next step reuses it — no allocations in steady state, on the CPU and on the GPU alike.
    /// <c>using (Tensor.Step()) { loss = …; loss.Backward(); optimizer.Step(); last = loss.Item(); }</c>
    /// Keep plain numbers from inside a step: a tensor made inside it and used after it ends
    /// fails with an error. Parameters, their gradients and optimizer state are not affected.
    /// </summary>
    public static IDisposable Step() => BackendRegistry.BeginStep();
}
