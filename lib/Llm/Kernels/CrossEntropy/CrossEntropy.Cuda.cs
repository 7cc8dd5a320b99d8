
namespace Llm.Kernels;

/// <summary>Cross-entropy fused with log-softmax, one block per row of logits.</summary>
internal sealed partial class CudaBackend
{
    public void CrossEntropy(in CrossEntropyArgs args)
    {
        var (logits, targets, losses, logSumExp, rows, vocab, ignoreIndex) = args;
        if (rows <= 0)
        {
            return;
        }

        using var scope = Enter();
        var ids = cuda.Upload<int>(targets.AsSpan(0, rows), out var bucket);
        Launch(KernelSource.CrossEntropyForward, ForRows(rows, vocab), logits, ids, losses, logSumExp, rows, vocab, ignoreIndex);
        cuda.Pool.Return(ids, bucket);
    }

    public void CrossEntropyBackward(in CrossEntropyBackwardArgs args)
    {
        var (logits, logSumExp, targets, dlogits, rows, vocab, ignoreIndex, scale, accumulate) = args;
        if (rows <= 0)
        {
            return;
        }

        using var scope = Enter();
        var ids = cuda.Upload<int>(targets.AsSpan(0, rows), out var bucket);
        Launch(KernelSource.CrossEntropyBackward, ForRows(rows, vocab), logits, logSumExp, ids, dlogits, rows, vocab, ignoreIndex, scale, accumulate);
        cuda.Pool.Return(ids, bucket);
    }
}
