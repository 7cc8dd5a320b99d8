namespace Llm.Tests.Cuda;

/// <summary>Every op and backend primitive on the GPU against the CPU backend (see OpComparisons and BackendComparisons for the cases and tolerances).</summary>
public class CudaOpTests
{
    public static TheoryData<string> Ops => [.. OpComparisons.Names];

    public static TheoryData<string> Primitives => [.. BackendComparisons.Names];

    [GpuTheory]
    [MemberData(nameof(Ops))]
    public void OpMatchesTheCpu(string name) => AssertAll(OpComparisons.Run(name));

    [GpuTheory]
    [MemberData(nameof(Primitives))]
    public void PrimitiveMatchesTheCpu(string name) => AssertAll(BackendComparisons.Run(name));

    [GpuFact]
    public void MixingDevicesThrows()
    {
        var cpu = Tensor.Ones(3);
        var gpu = Tensor.Ones(3).To(Device.Cuda);
        Assert.Throws<TensorException>(() => cpu + gpu);
    }

    internal static void AssertAll(IReadOnlyList<CheckResult> results)
    {
        var failed = results.Where(r => !r.Passed).ToArray();
        Assert.True(failed.Length == 0, string.Join("\n", failed.Select(r => r.ToString())));
    }
}
