namespace Llm.Kernels;

/// <summary>
/// The GPU side of <see cref="Tensor.Step"/>: the blocks handed out during a step go back to the
/// pool when it ends, at once rather than when the garbage collector finalizes their tensors, so
/// the next step finds them. A tensor kept from inside the step then fails with a clear error
/// (<see cref="Gpu"/>) instead of reading a block that a later step has overwritten.
/// </summary>
internal sealed partial class CudaBackend
{
    [ThreadStatic]
    private static List<CudaStorage>? stepStorages;

    public IDisposable BeginStep()
    {
        if (stepStorages is not null)
        {
            throw new InvalidOperationException("Tensor.Step: a step is already running on this thread; steps do not nest.");
        }

        stepStorages = [];
        return new StepScope();
    }

    private sealed class StepScope : IDisposable
    {
        public void Dispose()
        {
            var storages = stepStorages;
            stepStorages = null;
            foreach (var storage in storages ?? [])
            {
                storage.Release();
            }
        }
    }
}
