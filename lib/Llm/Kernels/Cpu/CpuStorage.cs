namespace Llm.Kernels;

/// <summary>Storage in managed memory: a float array the garbage collector owns, or one lent by a step (<see cref="CpuStepMemory"/>).</summary>
internal sealed class CpuStorage(float[] data, CpuStepMemory? lentBy = null) : Storage
{
    private volatile bool ended;

    /// <summary>The numbers; reading them after the step that lent them has ended is an error.</summary>
    public float[] Data => ended
        ? throw new InvalidOperationException("This tensor was made inside a training step (Tensor.Step()) that has ended, and its memory now belongs to later steps. Keep plain numbers from inside a step (loss.Item(), ToArray()), or make the tensor before the step starts.")
        : data;

    public override long Length => data.LongLength;

    public override Device Device => Device.Cpu;

    public Span<float> Span => Data;

    /// <summary>The step this array is lent by, if any.</summary>
    internal CpuStepMemory? LentBy { get; } = lentBy;

    /// <summary>The step that lent this array has ended (or autograd gave it back early): the array may serve someone else now.</summary>
    internal void End() => ended = true;

    /// <summary>The array, for the step to take back; no check, since ending is what hands it over.</summary>
    internal float[] Array => data;
}
