namespace Llm.Backends.Cpu;

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

    public void Fill(Storage storage, long offset, long count, float value) =>
        Data(storage).AsSpan((int)offset, (int)count).Fill(value);

    public void CopyBlocks(Storage src, long srcOffset, long srcStride, Storage dst, long dstOffset, long dstStride, int rows, long cols, bool accumulate = false)
    {
        var s = Data(src);
        var d = Data(dst);
        CpuParallel.For(rows, cols, (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var from = s.AsSpan((int)(srcOffset + (r * srcStride)), (int)cols);
                var to = d.AsSpan((int)(dstOffset + (r * dstStride)), (int)cols);
                if (accumulate)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(to, from, to);
                }
                else
                {
                    from.CopyTo(to);
                }
            }
        });
    }

    internal static float[] Data(Storage storage) => storage is CpuStorage cpu
        ? cpu.Data
        : throw new InvalidOperationException($"The CPU backend was handed storage on {storage.Device}; move the tensor with .ToCpu() first.");
}
