using Llm.Kernels;

namespace Llm.Tests.Cuda;

/// <summary>The pool's bookkeeping with a fake allocator standing in for cuMemAlloc and cuMemFree.</summary>
public class CudaMemoryPoolTests
{
    [Fact]
    public void BucketsHoldTheRequestAndWasteAtMostAQuarter()
    {
        long previous = 0;
        for (long bytes = 1; bytes < (256L << 20); bytes = (bytes * 9 / 8) + 1)
        {
            var bucket = CudaMemoryPool.BucketBytes(bytes);
            Assert.True(bucket >= bytes);
            Assert.True(bucket >= previous, "buckets grow with the request");
            Assert.True(bytes <= CudaMemoryPool.MinimumBlock || bucket <= bytes * 1.25 + 1, $"{bytes} → {bucket}");
            previous = bucket;
        }

        Assert.Equal(CudaMemoryPool.MinimumBlock, CudaMemoryPool.BucketBytes(4));
        Assert.Equal(1280, CudaMemoryPool.BucketBytes(1025));
        Assert.Equal(2048, CudaMemoryPool.BucketBytes(2048));
        Assert.Equal(0, CudaMemoryPool.BucketBytes(100L << 20) % (2L << 20));
    }

    [Fact]
    public void ReturnedBlocksAreReusedBySize()
    {
        var device = new FakeDevice(long.MaxValue);
        var pool = device.Pool();
        var a = pool.Rent(1000, out var bucket);
        pool.Return(a, bucket);
        Assert.Equal(a, pool.Rent(1020, out _)); // same bucket: the same block comes back
        var b = pool.Rent(5000, out _);
        Assert.NotEqual(a, b);
        Assert.Equal(2, device.Allocations);
    }

    [Fact]
    public void FinalizedStoragesGiveTheirBlocksBack()
    {
        var device = new FakeDevice(long.MaxValue);
        var pool = device.Pool();
        var first = DropStorage(pool);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(first, pool.Rent(4096, out _));
        Assert.Equal(1, device.Allocations);
    }

    [Fact]
    public void OutOfMemoryCollectsGarbageThenFreesCachedBlocks()
    {
        var device = new FakeDevice(budget: 8192);
        var pool = device.Pool();
        var small = pool.Rent(2048, out var smallBucket);
        pool.Return(small, smallBucket);
        DropStorage(pool);                      // 4096 bytes held only by garbage
        var big = pool.Rent(6000, out _);       // needs the garbage collected and the cached block freed
        Assert.NotEqual(0UL, big);
        Assert.True(pool.Collections >= 1);
        Assert.True(device.Frees >= 1);
        Assert.Throws<CudaException>(() => pool.Rent(1 << 20, out _));
    }

    // Creates a storage and lets it go, so only the finalizer can return its block.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ulong DropStorage(CudaMemoryPool pool)
    {
        var pointer = pool.Rent(4096, out var bucket);
        _ = new CudaStorage(pool, pointer, bucket, 1024, Device.Cuda);
        return pointer;
    }

    private sealed class FakeDevice(long budget)
    {
        private readonly Dictionary<ulong, long> live = [];
        private ulong next = 0x1000;

        public int Allocations { get; private set; }

        public int Frees { get; private set; }

        public CudaMemoryPool Pool() => new(Allocate, Free, () => { }, collectAfterBytes: 1L << 40);

        private ulong Allocate(long bytes)
        {
            if (live.Values.Sum() + bytes > budget)
            {
                return 0;
            }

            Allocations++;
            var pointer = next;
            next += (ulong)bytes;
            live[pointer] = bytes;
            return pointer;
        }

        private void Free(ulong pointer)
        {
            Frees++;
            live.Remove(pointer);
        }
    }
}
