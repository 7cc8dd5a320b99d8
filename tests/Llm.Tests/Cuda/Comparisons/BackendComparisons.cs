using Llm.Kernels;

namespace Llm.Tests.Cuda;

/// <summary>
/// Backend primitives that no single tensor op reaches alone: AdamW, the gradient norm, copies
/// that add, products that accumulate (beta = 1), reads and writes at an offset.
/// </summary>
public static class BackendComparisons
{
    /// <summary>The names of the checks, for test cases.</summary>
    public static IEnumerable<string> Names => Cases.Keys;

    public static IReadOnlyList<CheckResult> Run(string name)
    {
        try
        {
            return Cases[name]();
        }
        catch (Exception e)
        {
            return [CheckResult.Crashed(name, e)];
        }
    }

    private static readonly Dictionary<string, Func<IReadOnlyList<CheckResult>>> Cases = new()
    {
        ["zeros, fill, offsets"] = FillAndOffsets,
        ["adamw"] = AdamW,
        ["sum of squares"] = SumOfSquares,
        ["copy blocks"] = CopyBlocks,
        ["matmul accumulate"] = MatMulAccumulate,
    };

    private static IReadOnlyList<CheckResult> FillAndOffsets()
    {
        var zeros = Tensor.Zeros([3, 4], Device.Cuda);
        var full = Tensor.Full(2.5f, [7], Device.Cuda);
        var values = Tensor.RandN([3, 4], 5);
        var gpu = values.To(Device.Cuda);

        // A parameter moved in place keeps its gradient, and the next backward pass adds to it on the GPU.
        var leaf = Tensor.RandN([4], 6);
        leaf.RequiresGrad = true;
        (leaf * 2f).Sum().Backward();
        leaf.MoveTo(Device.Cuda);
        (leaf * 3f).Sum().Backward();
        return
        [
            CheckResult.Exact("Tensor.Zeros on the GPU", new float[12], zeros.ToArray()),
            CheckResult.Exact("Tensor.Full on the GPU", Enumerable.Repeat(2.5f, 7).ToArray(), full.ToArray()),
            CheckResult.Exact("To(Cuda) and back", values.ToArray(), gpu.ToCpu().ToArray()),
            CheckResult.Exact("indexer reads at an offset", [values[2, 1], values[0, 3]], [gpu[2, 1], gpu[0, 3]]),
            CheckResult.Exact("device of the copy", [gpu.Device == Device.Cuda ? 1f : 0f], [1f]),
            CheckResult.Exact("MoveTo keeps the gradient, which then accumulates", [5f, 5f, 5f, 5f, 1f], [.. leaf.Grad!.ToArray(), leaf.Grad.Device == Device.Cuda ? 1f : 0f]),
        ];
    }

    private static IReadOnlyList<CheckResult> AdamW()
    {
        const int n = 10007;
        var results = new List<CheckResult>();
        var state = new[] { Tensor.RandN([n], 1), Tensor.RandN([n], 2), Tensor.Zeros([n]), Tensor.Zeros([n]) };
        var cpu = state.Select(t => t.Clone()).ToArray();
        var gpu = state.Select(t => t.To(Device.Cuda).Clone()).ToArray();
        for (var step = 1; step <= 5; step++)
        {
            foreach (var s in new[] { cpu, gpu })
            {
                s[0].Backend.AdamW(new AdamWArgs(s[0].Storage, s[1].Storage, s[2].Storage, s[3].Storage, n, 1e-3f, 0.9f, 0.95f, 1e-8f, 0.1f, step));
            }
        }

        // Same inputs and the same operations in the same order, without fused multiply-adds: the same bits are expected.
        results.Add(CheckResult.Arrays("adamw: parameters after 5 steps", cpu[0].ToArray(), gpu[0].ToArray(), 1e-7f, 1e-6f));
        results.Add(CheckResult.Arrays("adamw: first moments", cpu[2].ToArray(), gpu[2].ToArray(), 1e-7f, 1e-6f));
        results.Add(CheckResult.Arrays("adamw: second moments", cpu[3].ToArray(), gpu[3].ToArray(), 1e-7f, 1e-6f));
        return results;
    }

    private static IReadOnlyList<CheckResult> SumOfSquares()
    {
        var x = Tensor.RandN([200003], 3);
        var g = x.To(Device.Cuda);
        var (onCpu, onGpu) = (new double[1], new double[1]);
        x.Backend.SumOfSquares(new SumOfSquaresArgs(x.Storage, x.Numel, onCpu));
        g.Backend.SumOfSquares(new SumOfSquaresArgs(g.Storage, g.Numel, onGpu));
        return [CheckResult.Scalar("sum of squares (float64)", onCpu[0], onGpu[0], 1e-5)];
    }

    private static IReadOnlyList<CheckResult> CopyBlocks()
    {
        var results = new List<CheckResult>();
        foreach (var accumulate in new[] { false, true })
        {
            var src = Tensor.RandN([6, 10], 4);
            var dstCpu = Tensor.RandN([9, 8], 5);
            var dstGpu = dstCpu.To(Device.Cuda);
            var srcGpu = src.To(Device.Cuda);
            dstCpu.Backend.CopyBlocks(new CopyBlocksArgs(src.Storage, 3, 10, dstCpu.Storage, 9, 8, 5, 6, accumulate));
            dstGpu.Backend.CopyBlocks(new CopyBlocksArgs(srcGpu.Storage, 3, 10, dstGpu.Storage, 9, 8, 5, 6, accumulate));
            results.Add(CheckResult.Exact($"copy blocks (accumulate: {accumulate})", dstCpu.ToArray(), dstGpu.ToArray()));
        }

        return results;
    }

    private static IReadOnlyList<CheckResult> MatMulAccumulate()
    {
        var results = new List<CheckResult>();
        foreach (var (transA, transB) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var a = Tensor.RandN([3, 4, 5], 6);
            var b = Tensor.RandN([3, 5, 4], 7);
            var c = Tensor.RandN([3, 4, 4], 8);
            var (ga, gb, gc) = (a.To(Device.Cuda), b.To(Device.Cuda), c.To(Device.Cuda));

            // Each batch adds into c (beta = 1); with transA a[i] is read as its transpose, and so on.
            c.Backend.MatMul(new MatMulArgs(new(a.Storage, transA, 20), new(b.Storage, transB, 20), c.Storage, 16, 3, 4, 4, 5, 1f));
            gc.Backend.MatMul(new MatMulArgs(new(ga.Storage, transA, 20), new(gb.Storage, transB, 20), gc.Storage, 16, 3, 4, 4, 5, 1f));
            results.Add(CheckResult.Arrays($"matmul beta 1 (transA {transA}, transB {transB})", c.ToArray(), gc.ToArray(), 1e-5f, 1e-4f));
        }

        var shared = Tensor.RandN([5, 4], 9);
        var batches = Tensor.RandN([6, 5, 3], 10);
        var sum = Tensor.RandN([4, 3], 11);
        var (gs, gbt, gsum) = (shared.To(Device.Cuda), batches.To(Device.Cuda), sum.To(Device.Cuda));
        sum.Backend.MatMul(new MatMulArgs(new(shared.Storage, true, 0), new(batches.Storage, false, 15), sum.Storage, 0, 6, 4, 3, 5, 1f));
        gsum.Backend.MatMul(new MatMulArgs(new(gs.Storage, true, 0), new(gbt.Storage, false, 15), gsum.Storage, 0, 6, 4, 3, 5, 1f));
        results.Add(CheckResult.Arrays("matmul into one output (stride 0)", sum.ToArray(), gsum.ToArray(), 1e-5f, 1e-4f));
        return results;
    }
}
