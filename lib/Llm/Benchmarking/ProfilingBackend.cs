using System.Diagnostics;
using Llm.Backends;

namespace Llm.Benchmarking;

/// <summary>
/// A backend that passes every call on to the real one and adds its time to a
/// <see cref="KernelProfile"/>: where a training step spends its time, kernel by kernel. CPU
/// kernels finish before they return, so the times are exact; GPU launches return at once, so on a
/// GPU it would time the launches, not the kernels (it is only installed for the CPU).
/// </summary>
internal sealed class ProfilingBackend(IBackend real, KernelProfile profile) : IBackend
{
    public Device Device => real.Device;

    public Storage Allocate(long length, bool persistent = false)
    {
        using var _ = Time("Allocate");
        return real.Allocate(length, persistent);
    }

    public Storage FromArray(float[] values) => real.FromArray(values);

    public void Release(Storage storage) => real.Release(storage);

    public IDisposable BeginStep() => real.BeginStep();

    public void CopyToArray(Storage source, long offset, Span<float> destination) => real.CopyToArray(source, offset, destination);

    public void Fill(Storage storage, long offset, long count, float value)
    {
        using var _ = Time("Fill");
        real.Fill(storage, offset, count, value);
    }

    public void CopyBlocks(Storage src, long srcOffset, long srcStride, Storage dst, long dstOffset, long dstStride, int rows, long cols, bool accumulate = false)
    {
        using var _ = Time("CopyBlocks");
        real.CopyBlocks(src, srcOffset, srcStride, dst, dstOffset, dstStride, rows, cols, accumulate);
    }

    public void Binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, Storage c, int[] outShape)
    {
        using var _ = Time($"Binary {op}");
        real.Binary(op, a, aShape, b, bShape, c, outShape);
    }

    public void Unary(UnaryOp op, Storage x, Storage y, long n, float scalar)
    {
        using var _ = Time($"Unary {op}");
        real.Unary(op, x, y, n, scalar);
    }

    public void UnaryBackward(UnaryOp op, Storage x, Storage y, Storage dy, Storage dx, long n, float scalar, bool accumulate)
    {
        using var _ = Time($"UnaryBackward {op}");
        real.UnaryBackward(op, x, y, dy, dx, n, scalar, accumulate);
    }

    public void SumTo(Storage src, int[] srcShape, Storage dst, int[] dstShape, bool accumulate)
    {
        using var _ = Time("SumTo");
        real.SumTo(src, srcShape, dst, dstShape, accumulate);
    }

    public void MaskedFill(Storage x, int[] shape, Storage mask, int[] maskShape, float value, Storage y)
    {
        using var _ = Time("MaskedFill");
        real.MaskedFill(x, shape, mask, maskShape, value, y);
    }

    public void MatMul(Storage a, Storage b, Storage c, int batch, int m, int n, int k, bool transA, bool transB, long strideA, long strideB, long strideC, float beta)
    {
        // Batched products (attention's per-head ones) apart from the big single ones (the layers).
        using var _ = Time(batch > 1 ? "MatMul batched" : "MatMul", 2.0 * batch * m * n * k);
        real.MatMul(a, b, c, batch, m, n, k, transA, transB, strideA, strideB, strideC, beta);
    }

    public void Transpose(Storage src, Storage dst, int outer, int d1, int mid, int d2, int inner)
    {
        using var _ = Time("Transpose");
        real.Transpose(src, dst, outer, d1, mid, d2, inner);
    }

    public void Softmax(Storage x, Storage y, int rows, int cols, bool causal, int tq, bool log)
    {
        using var _ = Time("Softmax");
        real.Softmax(x, y, rows, cols, causal, tq, log);
    }

    public void SoftmaxBackward(Storage y, Storage dy, Storage dx, int rows, int cols, bool log, bool accumulate)
    {
        using var _ = Time("SoftmaxBackward");
        real.SoftmaxBackward(y, dy, dx, rows, cols, log, accumulate);
    }

    public void CrossEntropy(Storage logits, int[] targets, Storage losses, Storage logSumExp, int rows, int vocab, int ignoreIndex)
    {
        using var _ = Time("CrossEntropy");
        real.CrossEntropy(logits, targets, losses, logSumExp, rows, vocab, ignoreIndex);
    }

    public void CrossEntropyBackward(Storage logits, Storage logSumExp, int[] targets, Storage dlogits, int rows, int vocab, int ignoreIndex, float scale, bool accumulate)
    {
        using var _ = Time("CrossEntropyBackward");
        real.CrossEntropyBackward(logits, logSumExp, targets, dlogits, rows, vocab, ignoreIndex, scale, accumulate);
    }

    public void LayerNorm(Storage x, Storage weight, Storage bias, Storage y, Storage mean, Storage rstd, int rows, int cols, float eps)
    {
        using var _ = Time("LayerNorm");
        real.LayerNorm(x, weight, bias, y, mean, rstd, rows, cols, eps);
    }

    public void LayerNormBackward(Storage dy, Storage x, Storage weight, Storage mean, Storage rstd, Storage? dx, Storage? dweight, Storage? dbias, int rows, int cols)
    {
        using var _ = Time("LayerNormBackward");
        real.LayerNormBackward(dy, x, weight, mean, rstd, dx, dweight, dbias, rows, cols);
    }

    public void Embedding(Storage weight, int[] ids, Storage output, int cols)
    {
        using var _ = Time("Embedding");
        real.Embedding(weight, ids, output, cols);
    }

    public void EmbeddingBackward(Storage dout, int[] ids, Storage dweight, int cols)
    {
        using var _ = Time("EmbeddingBackward");
        real.EmbeddingBackward(dout, ids, dweight, cols);
    }

    public void Dropout(Storage x, Storage y, long n, float p, ulong seed, bool accumulate)
    {
        using var _ = Time("Dropout");
        real.Dropout(x, y, n, p, seed, accumulate);
    }

    public void AdamW(Storage param, Storage grad, Storage m, Storage v, long n, float lr, float beta1, float beta2, float eps, float weightDecay, int step)
    {
        using var _ = Time("AdamW");
        real.AdamW(param, grad, m, v, n, lr, beta1, beta2, eps, weightDecay, step);
    }

    public double SumOfSquares(Storage x, long n)
    {
        using var _ = Time("SumOfSquares");
        return real.SumOfSquares(x, n);
    }

    private KernelProfile.Timer Time(string kernel, double flops = 0) => new(profile, kernel, flops, Stopwatch.GetTimestamp());
}
