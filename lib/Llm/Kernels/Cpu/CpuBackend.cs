namespace Llm.Kernels;

/// <summary>
/// The CPU backend: managed arrays, SIMD through System.Numerics.Tensors and portable vectors, and
/// all cores through <see cref="CpuParallel"/>. Its memory is here; each kernel is in the folder of its primitive (Kernels/LayerNorm/LayerNorm.Cpu.cs, …).
/// </summary>
public sealed partial class CpuBackend : IBackend
{
    // One per process, made by Device.Cpu: the kernels share the cores' thread pool and the free lists.
    internal CpuBackend()
    {
    }

    public Device Device => Device.Cpu;

    public Storage Allocate(long length, IStepMemory? step = null) => step is CpuStepMemory memory
        ? memory.Lend(length)
        : new CpuStorage(new float[length]);

    public Storage FromArray(float[] values) => new CpuStorage(values);

    public IStepMemory BeginStep() => new CpuStepMemory();

    public void Release(Storage storage) => ((CpuStorage)storage).LentBy?.Return((CpuStorage)storage);

    public void CopyToArray(Storage source, long offset, Span<float> destination) =>
        Data(source).AsSpan((int)offset, destination.Length).CopyTo(destination);

    internal static float[] Data(Storage storage) => storage is CpuStorage cpu
        ? cpu.Data
        : throw new InvalidOperationException($"The CPU backend was handed storage on {storage.Device}; move the tensor with .ToCpu() first.");

    private static void ForBlocks(long n, Action<int, int> body)
    {
        const int block = 2048;
        var blocks = (int)((n + block - 1) / block);
        CpuParallel.For(blocks, block * 4, (b0, b1) =>
        {
            for (var b = b0; b < b1; b++)
            {
                var start = b * block;
                body(start, (int)Math.Min(block, n - start));
            }
        });
    }
}
