using System.Collections.Concurrent;
using System.Numerics;

namespace Llm.Kernels;

/// <summary>
/// Device memory for tensors. cuMemAlloc and cuMemFree are slow and cuMemFree waits for the GPU
/// (CUDA Driver API, "API synchronization behavior"), so blocks are kept and reused by size bucket,
/// as PyTorch's caching allocator does. Learners never dispose tensors: a storage hands its block
/// back when the garbage collector finalizes it. Finalizers run on their own thread, so they only
/// queue the block (<see cref="Return"/>); the queue is emptied by the next <see cref="Rent"/> on the
/// thread that launches work. Reuse is safe without waiting for the GPU because all work goes to
/// one stream: kernels that still read a returned block were queued before any that writes it again.
/// </summary>
internal sealed class CudaMemoryPool(Func<long, ulong> allocate, Action<ulong> free, Action synchronize, long collectAfterBytes)
{
    /// <summary>The smallest block; smaller requests share its bucket.</summary>
    public const long MinimumBlock = 512;

    private const long LargeBlock = 64L << 20;
    private const long LargeGranule = 2L << 20;

    private readonly Dictionary<long, Stack<ulong>> cached = [];
    private readonly ConcurrentQueue<(ulong Pointer, long Bytes)> returned = new();
    private readonly Lock gate = new();
    private long lentSinceCollect;

    /// <summary>Bytes taken from the driver: blocks lent out plus blocks cached for reuse.</summary>
    public long ReservedBytes { get; private set; }

    /// <summary>The most that was ever reserved at once.</summary>
    public long PeakReservedBytes { get; private set; }

    /// <summary>Garbage collections the pool asked for to get blocks back.</summary>
    public int Collections { get; private set; }

    /// <summary>
    /// The bucket a request falls in. Small requests round up to one of four sizes per power of two
    /// (1, 1.25, 1.5, 1.75 × 2ᵏ), wasting at most a quarter; large ones to a multiple of 2 MiB. A
    /// training step asks for the same sizes every time, so each finds last step's blocks.
    /// </summary>
    public static long BucketBytes(long bytes)
    {
        if (bytes <= MinimumBlock)
        {
            return MinimumBlock;
        }

        if (bytes >= LargeBlock)
        {
            return RoundUp(bytes, LargeGranule);
        }

        var power = 1L << (63 - BitOperations.LeadingZeroCount((ulong)(bytes - 1))); // largest power of two below bytes
        return RoundUp(bytes, power / 4);
    }

    /// <summary>A block of at least <paramref name="bytes"/>; <paramref name="bucket"/> is its real size, to hand back with it.</summary>
    public ulong Rent(long bytes, out long bucket)
    {
        bucket = BucketBytes(bytes);
        lock (gate)
        {
            DrainReturned();
            lentSinceCollect += bucket;
            if (TryTake(bucket, out var pointer))
            {
                return pointer;
            }

            // No block of this size is free. Before growing, let the garbage collector find the
            // tensors nobody holds any more (last step's activations), unless it did so recently:
            // less than collectAfterBytes, or an eighth of what is reserved, lent out since. So a
            // training step collects a few times, and holds at most that much garbage beyond its needs.
            if (lentSinceCollect > Math.Max(collectAfterBytes, ReservedBytes / 8) && CollectAndTake(bucket, out pointer))
            {
                return pointer;
            }

            pointer = allocate(bucket);
            if (pointer == 0)
            {
                // Out of memory: get the garbage back, then free cached blocks of other sizes and try once more.
                if (CollectAndTake(bucket, out pointer))
                {
                    return pointer;
                }

                ReleaseCachedLocked();
                pointer = allocate(bucket);
                if (pointer == 0)
                {
                    throw new CudaException($"Out of GPU memory: {bucket / (1024.0 * 1024):F1} MiB requested with {ReservedBytes / (1024.0 * 1024 * 1024):F2} GiB held by live tensors. Use a smaller batch or model.");
                }
            }

            ReservedBytes += bucket;
            PeakReservedBytes = Math.Max(PeakReservedBytes, ReservedBytes);
            return pointer;
        }
    }

    /// <summary>Starts measuring the peak again from what is reserved now.</summary>
    public void ResetPeak()
    {
        lock (gate)
        {
            PeakReservedBytes = ReservedBytes;
        }
    }

    /// <summary>Hands a block back from any thread, finalizers included; nothing is called on CUDA here.</summary>
    public void Return(ulong pointer, long bucket) => returned.Enqueue((pointer, bucket));

    /// <summary>Frees every cached block (after the GPU has finished with them).</summary>
    public void ReleaseCached()
    {
        lock (gate)
        {
            ReleaseCachedLocked();
        }
    }

    private static long RoundUp(long value, long multiple) => (value + multiple - 1) / multiple * multiple;

    private bool CollectAndTake(long bucket, out ulong pointer)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Collections++;
        lentSinceCollect = 0;
        DrainReturned();
        return TryTake(bucket, out pointer);
    }

    private void ReleaseCachedLocked()
    {
        DrainReturned();
        synchronize();
        foreach (var (bucket, stack) in cached)
        {
            while (stack.TryPop(out var pointer))
            {
                free(pointer);
                ReservedBytes -= bucket;
            }
        }
    }

    private bool TryTake(long bucket, out ulong pointer)
    {
        pointer = 0;
        return cached.TryGetValue(bucket, out var stack) && stack.TryPop(out pointer);
    }

    private void DrainReturned()
    {
        while (returned.TryDequeue(out var block))
        {
            if (!cached.TryGetValue(block.Bytes, out var stack))
            {
                cached[block.Bytes] = stack = new Stack<ulong>();
            }

            stack.Push(block.Pointer);
        }
    }
}
