namespace Llm.Kernels;

/// <summary>
/// The GPU side of <see cref="Tensor.Step"/>: the blocks handed out during a step go back to the
/// pool when it ends, at once rather than when the garbage collector finalizes their tensors, so
/// the next step finds them. A tensor kept from inside the step then fails with a clear error
/// (<see cref="Gpu"/>) instead of reading a block that a later step has overwritten.
/// </summary>
internal sealed partial class CudaBackend
{
    public IStepMemory BeginStep() => new CudaStepMemory();

    private sealed class CudaStepMemory : IStepMemory
    {
        private readonly List<CudaStorage> lent = [];

        public void Add(CudaStorage storage)
        {
            lock (lent)
            {
                lent.Add(storage);
            }
        }

        public void Dispose()
        {
            CudaStorage[] storages;
            lock (lent)
            {
                storages = [.. lent];
                lent.Clear();
            }

            foreach (var storage in storages)
            {
                storage.Release();
            }
        }
    }
}
