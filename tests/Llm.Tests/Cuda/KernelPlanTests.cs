using Llm.Kernels;

namespace Llm.Tests.Cuda;

/// <summary>The host-side plans the kernels rely on: merged broadcast dimensions, reduction kinds, argument layout and storage arguments, id groups.</summary>
public class KernelPlanTests
{
    [Fact]
    public void BiasAddMergesToTwoDimensions()
    {
        var plan = BroadcastPlan.Create([4, 5, 6], [4, 5, 6], [6]);
        Assert.Equal([20, 6], plan.Shape);
        Assert.Equal([6, 1], plan.Strides[0]);
        Assert.Equal([0, 1], plan.Strides[1]);
    }

    [Fact]
    public void AlternatingBroadcastKeepsEveryDimension()
    {
        var plan = BroadcastPlan.Create([4, 5, 6], [4, 1, 6], [5, 1]);
        Assert.Equal([4, 5, 6], plan.Shape);
        Assert.Equal([6, 0, 1], plan.Strides[0]);
        Assert.Equal([0, 1, 0], plan.Strides[1]);
    }

    [Fact]
    public void ScalarsAndSameShapesCollapse()
    {
        Assert.Empty(BroadcastPlan.Create([], [], []).Shape);
        var plan = BroadcastPlan.Create([2, 3, 4], [2, 3, 4], []);
        Assert.Equal([24], plan.Shape);
        Assert.Equal([0], plan.Strides[1]);
    }

    [Theory]
    [InlineData(new[] { 8, 6 }, new[] { 6 }, "Columns", 6, 8)]
    [InlineData(new[] { 2, 3, 4 }, new[] { 1, 1, 4 }, "Columns", 4, 6)]
    [InlineData(new[] { 8, 6 }, new[] { 8, 1 }, "Rows", 8, 6)]
    [InlineData(new[] { 70000 }, new int[0], "All", 1, 70000)]
    [InlineData(new[] { 3, 4, 5 }, new[] { 3, 1, 5 }, "General", 15, 4)]
    [InlineData(new[] { 1, 3 }, new[] { 3 }, "Copy", 3, 1)]
    [InlineData(new[] { 2, 1, 3 }, new[] { 3 }, "Columns", 3, 2)]
    public void ReductionsPickTheirKernel(int[] src, int[] dst, string kind, long outputs, long perOutput)
    {
        var plan = ReducePlan.Create(src, dst);
        Assert.Equal(kind, plan.Kind.ToString());
        Assert.Equal(outputs, plan.Outputs);
        Assert.Equal(perOutput, plan.PerOutput);
    }

    [Fact]
    public void GeneralReductionWalksKeptAndReducedStrides()
    {
        var plan = ReducePlan.Create([3, 4, 5], [3, 1, 5]);
        Assert.Equal([3, 5], plan.KeptShape);
        Assert.Equal([20, 1], plan.KeptStrides);
        Assert.Equal([4], plan.ReducedShape);
        Assert.Equal([5], plan.ReducedStrides);
    }

    [Fact]
    public void KernelArgumentsSitInEightByteSlots()
    {
        var args = default(KernelArgs);
        args.Add(-7);
        args.Add(0x1122334455667788UL);
        args.Add(1.5f);
        args.Add(Dims.From([2, 3, 4]));
        Assert.Equal(4, args.Count);
        var values = args.Values;
        Assert.Equal(0xFFFFFFF9UL, values[0]);                      // an int in the low half
        Assert.Equal(0x1122334455667788UL, values[1]);
        Assert.Equal(BitConverter.SingleToUInt32Bits(1.5f), values[2]);
        Assert.Equal(2UL | (3UL << 32), values[3]);                  // Dims: two ints per slot, in order
        Assert.Equal(4UL, values[4]);
    }

    [Fact]
    public void AStorageArgumentIsAnAddressThatCarriesItsStorage()
    {
        var pool = new CudaMemoryPool(_ => 0x10000, _ => { }, () => { }, long.MaxValue);
        var pointer = pool.Rent(64, out var bucket);
        var storage = new CudaStorage(pool, pointer, bucket, 16, Device.Cuda);
        var arg = KernelArg.At(storage, 3);
        Assert.Equal(pointer + (3 * sizeof(float)), arg.Value);
        Assert.Same(storage, arg.Storage);                           // what the launch keeps alive
        Assert.Equal(pointer, ((KernelArg)(Storage)storage).Value);
        Assert.Null(((KernelArg)true).Storage);
        Assert.Equal(1UL, ((KernelArg)true).Value);

        storage.Release();
        var error = Assert.Throws<InvalidOperationException>(() => KernelArg.At(storage, 0));
        Assert.Contains("inside a training step", error.Message);
    }

    [Fact]
    public void EmbeddingPositionsAreGroupedByIdInOrder()
    {
        var groups = CudaBackend.GroupPositions([3, 1, 3, 0, 1, 3], out var count);
        Assert.Equal(3, count);
        Assert.Equal([0, 1, 3, /* starts */ 0, 1, 3, 6, /* positions */ 3, 1, 4, 0, 2, 5], groups);
    }
}
