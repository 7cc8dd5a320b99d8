
namespace Llm.Kernels;

/// <summary>
/// Every backend primitive as plain scalar loops, forward and backward side by side: the
/// definition the fast kernels are checked against (llm.c keeps such a reference next to its fast
/// versions). Read these files to see what a kernel computes; read the .Cpu.cs and .Cuda.cs files beside
/// each reference to see how it is made fast. Nothing here runs in training: the tests compare the CPU kernels
/// (and, through the CPU stand-in of tests/gpu, the CUDA kernels) with these loops over awkward
/// shapes and random inputs. Sums are kept in double precision, so the oracle is the more
/// accurate side of every comparison. Shapes are plain integers and storages contiguous and
/// row-major, as in <see cref="IBackend"/>.
/// </summary>
public sealed partial class ReferenceBackend : IBackend
{
    public Device Device => Device.Cpu;

    public Storage Allocate(long length, IStepMemory? step = null) => new ReferenceStorage(new float[length]);

    public Storage FromArray(float[] values) => new ReferenceStorage(values);

    // The garbage collector takes the arrays back: the reference keeps no pools and no steps.
    public void Release(Storage storage)
    {
    }

    public IStepMemory BeginStep() => new NoStep();

    public void CopyToArray(Storage source, long offset, Span<float> destination) =>
        Data(source).AsSpan((int)offset, destination.Length).CopyTo(destination);

    internal static float[] Data(Storage storage) => storage is ReferenceStorage reference
        ? reference.Data
        : throw new InvalidOperationException($"The reference backend was handed a {storage.GetType().Name}; give it storage from its own FromArray or Allocate.");
}

/// <summary>The reference's step: nothing to take back.</summary>
internal sealed class NoStep : IStepMemory
{
    public void Dispose()
    {
    }
}

/// <summary>A plain float array, for the reference backend only.</summary>
internal sealed class ReferenceStorage(float[] data) : Storage
{
    public float[] Data { get; } = data;

    public override long Length => Data.LongLength;

    public override Device Device => Device.Cpu;
}
