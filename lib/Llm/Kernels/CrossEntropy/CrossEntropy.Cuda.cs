
namespace Llm.Kernels;

/// <summary>Cross-entropy fused with log-softmax, one block per row of logits.</summary>
internal sealed partial class CudaBackend
{
    public void CrossEntropy(Storage logits, int[] targets, Storage losses, Storage logSumExp, int rows, int vocab, int ignoreIndex)
    {
        if (rows <= 0)
        {
            return;
        }

        using var scope = Enter();
        var ids = cuda.Upload<int>(targets.AsSpan(0, rows), out var bucket);
        Launch(KernelSource.CrossEntropyForward, ForRows(rows, vocab), logits, ids, losses, logSumExp, rows, vocab, ignoreIndex);
        cuda.Pool.Return(ids, bucket);
    }

    public void CrossEntropyBackward(Storage logits, Storage logSumExp, int[] targets, Storage dlogits, int rows, int vocab, int ignoreIndex, float scale, bool accumulate)
    {
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
