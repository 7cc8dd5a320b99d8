namespace Llm.Kernels;

/// <summary>
/// The arguments of one kernel call, as one record per primitive (<see cref="LayerNormArgs"/>,
/// <see cref="MatMulArgs"/>, …): what the kernel reads and writes, its sizes and its options, named.
/// A record also says what the call costs, counted from its sizes, and which method of
/// <see cref="IBackend"/> runs it, so that whatever watches kernels (a profiler, a checker) is one
/// generic method, <see cref="IKernelObserver.Run{T}"/>, instead of one method per primitive.
/// </summary>
public interface IKernelArgs<TSelf>
    where TSelf : struct, IKernelArgs<TSelf>
{
    /// <summary>The kernel's name in profiles, e.g. "LayerNorm" or "MatMul batched".</summary>
    string Kernel { get; }

    /// <summary>Multiply-adds and bytes moved, from the sizes alone.</summary>
    KernelCost Cost { get; }

    /// <summary>Runs this call on <paramref name="backend"/>: the one place that says which interface method a record goes to.</summary>
    static abstract void Run(IBackend backend, in TSelf args);
}

/// <summary>
/// Watches every kernel call of a piece of work (<c>using (Tensor.ObserveKernels(profile)) { … }</c>):
/// it receives the backend and the call's record, and must run the call itself with
/// <c>T.Run(backend, args)</c>, before or after whatever it measures or checks.
/// </summary>
public interface IKernelObserver
{
    void Run<T>(IBackend backend, in T args)
        where T : struct, IKernelArgs<T>;
}
