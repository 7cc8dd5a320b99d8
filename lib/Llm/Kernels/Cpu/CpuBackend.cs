namespace Llm.Kernels;

/// <summary>
/// The CPU backend: managed arrays, SIMD through System.Numerics.Tensors and portable vectors, and
/// all cores through <see cref="CpuParallel"/>. Split by concern over the CpuBackend.*.cs files.
/// </summary>
internal sealed partial class CpuBackend : IBackend
{
    public Device Device => Device.Cpu;

    public Storage Allocate(long length, bool persistent = false) =>
        persistent ? new CpuStorage(new float[length]) : TensorArena.Allocate(length);

    public Storage FromArray(float[] values) => new CpuStorage(values);

    public IDisposable BeginStep() => TensorArena.Step();

    public void Release(Storage storage) => TensorArena.Return((CpuStorage)storage);

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
