namespace Llm.Backends.Cpu;

/// <summary>Storage in managed memory: a float array the garbage collector owns.</summary>
internal sealed class CpuStorage(float[] data) : Storage
{
    public float[] Data { get; } = data;

    public override long Length => Data.LongLength;

    public override Device Device => Device.Cpu;

    public Span<float> Span => Data;
}
