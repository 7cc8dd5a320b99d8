using Llm.Kernels;

namespace Llm;

/// <summary>
/// The memory of one training step (<see cref="Tensor.Step"/>): one <see cref="IStepMemory"/> per
/// backend the step uses, asked for when the step first allocates there, all given back together
/// when the step ends.
/// </summary>
internal sealed class TrainingStep : IDisposable
{
    private readonly Dictionary<IBackend, IStepMemory> memories = new(ReferenceEqualityComparer.Instance);

    public IStepMemory MemoryOn(IBackend backend)
    {
        lock (memories)
        {
            if (!memories.TryGetValue(backend, out var memory))
            {
                memories[backend] = memory = backend.BeginStep();
            }

            return memory;
        }
    }

    public void Dispose()
    {
        IStepMemory[] ending;
        lock (memories)
        {
            ending = [.. memories.Values];
            memories.Clear();
        }

        foreach (var memory in ending)
        {
            memory.Dispose();
        }
    }
}
