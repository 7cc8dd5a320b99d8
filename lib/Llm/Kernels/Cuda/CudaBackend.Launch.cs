namespace Llm.Kernels;

/// <summary>
/// The one place kernels are launched: the launch shapes, the arguments, the launch itself, and
/// keeping the tensors' storages alive until it is queued. A kernel's C# side then reads as one
/// call: <c>Launch(KernelSource.Unary, ForElements(n), (int)op, x, y, n, scalar)</c>.
/// </summary>
internal sealed partial class CudaBackend
{
    private const uint Threads = 256;

    /// <summary>
    /// Queues <paramref name="kernel"/> on the stream with <paramref name="args"/>, which must follow
    /// the kernel's parameters in order and C type (<see cref="KernelArgs"/>).
    /// </summary>
    private void Launch(string kernel, Grid grid, params ReadOnlySpan<KernelArg> args)
    {
        using var scope = Enter();
        var values = default(KernelArgs);
        foreach (ref readonly var arg in args)
        {
            values.Add(arg);
        }

        cuda.Launch(kernel, grid.X, grid.Y, grid.Threads, ref values);

        // The kernel was handed bare device addresses. Each came from a storage whose finalizer
        // hands its block back to the pool, and the pool lends returned blocks out again at its
        // next Rent, which a caller may make after taking an address and before launching (scratch
        // space, uploaded ids). Reading every storage here, after the launch is queued, keeps it
        // reachable until then; from there on, stream order makes reuse safe (see CudaMemoryPool).
        foreach (ref readonly var arg in args)
        {
            GC.KeepAlive(arg.Storage);
        }
    }

    /// <summary>Grid-stride loop over n elements: enough blocks of <see cref="Threads"/> to fill the GPU, no more.</summary>
    private Grid ForElements(long n) => new(Blocks(n), 1, Threads);

    /// <summary>One block per row (up to the grid limit), with the row length rounded up to a warp, at most 1024 threads.</summary>
    private static Grid ForRows(long rows, long cols) =>
        new((uint)Math.Clamp(rows, 1, int.MaxValue), 1, (uint)Math.Clamp((cols + 31) / 32 * 32, 32, 1024));

    /// <summary>One block of 1024 threads per chunk, for sums in two passes.</summary>
    private static Grid ForChunks(long chunks) => new((uint)chunks, 1, 1024);

    /// <summary>A thread per column (x) for each chunk of rows (y): the first pass of a column sum.</summary>
    private static Grid ForColumnChunks(long cols, int chunks) => new((uint)((cols + Threads - 1) / Threads), (uint)chunks, Threads);

    /// <summary>Blocks for a grid-stride loop over n elements.</summary>
    private uint Blocks(long n) =>
        (uint)Math.Clamp((n + Threads - 1) / Threads, 1, (long)cuda.Status.Multiprocessors * 32);

    /// <summary>A launch shape: <paramref name="X"/> × <paramref name="Y"/> blocks of <paramref name="Threads"/> threads.</summary>
    private readonly record struct Grid(uint X, uint Y, uint Threads);
}
