using Llm.Kernels;

namespace Llm;

/// <summary>
/// What the current piece of work runs with: whether operations record the graph for Backward(),
/// the training step that lends memory, and who watches the kernels. It is set only by the scopes
/// <see cref="Tensor.NoGrad"/>, <see cref="Tensor.Step"/> and <see cref="Tensor.ObserveKernels"/>,
/// and holds for one logical flow of work (an AsyncLocal): it follows an <c>await</c> and the tasks
/// started inside the scope, whichever threads they run on, and two flows never see each other's.
/// </summary>
internal sealed record Execution(bool GradEnabled, TrainingStep? Step, IKernelObserver? Observer)
{
    private static readonly AsyncLocal<Execution?> CurrentValue = new();

    private static readonly Execution Default = new(GradEnabled: true, Step: null, Observer: null);

    public static Execution Current => CurrentValue.Value ?? Default;

    /// <summary>Makes <paramref name="next"/> current until the returned scope is disposed, then puts back what was there.</summary>
    public static IDisposable Enter(Execution next, IDisposable? onExit = null)
    {
        var previous = CurrentValue.Value;
        CurrentValue.Value = next;
        return new Scope(previous, onExit);
    }

    private sealed class Scope(Execution? previous, IDisposable? onExit) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            CurrentValue.Value = previous;
            onExit?.Dispose();
        }
    }
}
