using Llm.Kernels;

namespace Llm;

/// <summary>The scopes that set how work runs (<see cref="Execution"/>): memory for one training step, kernel observers.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Starts a training step: the memory of the tensors made until the returned scope is disposed
    /// (activations, gradients in flight) goes back to the backend when it ends, all at once, and
    /// the next step reuses it — no allocations in steady state, on the CPU and on the GPU alike.
    /// <c>using (Tensor.Step()) { loss = …; loss.Backward(); optimizer.Step(); last = loss.Item(); }</c>
    /// Keep plain numbers from inside a step: a tensor made inside it and used after it ends
    /// fails with an error. Parameters, their gradients and optimizer state are not affected.
    /// The step holds across <c>await</c> and for the tasks started inside it.
    /// </summary>
    public static IDisposable Step()
    {
        var current = Execution.Current;
        if (current.Step is not null)
        {
            throw new InvalidOperationException("Tensor.Step: a step is already running here; steps do not nest. End the first step before starting the next.");
        }

        var step = new TrainingStep();
        return Execution.Enter(current with { Step = step }, onExit: step);
    }

    /// <summary>
    /// Sends every kernel call made until the returned scope is disposed through <paramref name="observer"/>
    /// (a <see cref="KernelProfile"/> times them and counts their work). Nested scopes replace the outer observer.
    /// </summary>
    public static IDisposable ObserveKernels(IKernelObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return Execution.Enter(Execution.Current with { Observer = observer });
    }

    /// <summary>New storage on this tensor's device: lent by the current step, or, when <paramref name="persistent"/> or outside a step, kept until the garbage collector takes it.</summary>
    internal Storage NewStorage(long length, bool persistent = false) => NewStorage(Backend, length, persistent);

    internal static Storage NewStorage(IBackend backend, long length, bool persistent = false) =>
        backend.Allocate(length, persistent ? null : Execution.Current.Step?.MemoryOn(backend));
}

/// <summary>How operations call kernels: through the current observer, if any (<see cref="Tensor.ObserveKernels"/>).</summary>
internal static class KernelCalls
{
    public static void Run<T>(this IBackend backend, in T args)
        where T : struct, IKernelArgs<T>
    {
        if (Execution.Current.Observer is { } observer)
        {
            observer.Run(backend, args);
        }
        else
        {
            T.Run(backend, args);
        }
    }
}
