using System.Diagnostics;

namespace Llm.Kernels;

/// <summary>
/// A backend that passes every call on to the real one and adds its time and its work (multiply-adds,
/// bytes read and written, computed from the call's sizes: see <see cref="KernelCost"/>) to a
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
        using var _ = Time("Fill", new(0, 0, F * count));
        real.Fill(storage, offset, count, value);
    }

    public void CopyBlocks(Storage src, long srcOffset, long srcStride, Storage dst, long dstOffset, long dstStride, int rows, long cols, bool accumulate = false)
    {
        using var _ = Time("CopyBlocks", new(0, F * rows * cols * (accumulate ? 2 : 1), F * rows * cols));
        real.CopyBlocks(src, srcOffset, srcStride, dst, dstOffset, dstStride, rows, cols, accumulate);
    }

    public void Binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, Storage c, int[] outShape)
    {
        using var _ = Time($"Binary {op}", new(0, F * (Shape.Numel(aShape) + Shape.Numel(bShape)), F * Shape.Numel(outShape)));
        real.Binary(op, a, aShape, b, bShape, c, outShape);
    }

    public void Unary(UnaryOp op, Storage x, Storage y, long n, float scalar)
    {
        using var _ = Time($"Unary {op}", new(0, F * n, F * n));
        real.Unary(op, x, y, n, scalar);
    }

    public void UnaryBackward(UnaryOp op, Storage x, Storage y, Storage dy, Storage dx, long n, float scalar, bool accumulate)
    {
        using var _ = Time($"UnaryBackward {op}", new(0, F * n * (accumulate ? 3 : 2), F * n));
        real.UnaryBackward(op, x, y, dy, dx, n, scalar, accumulate);
    }

    public void SumTo(Storage src, int[] srcShape, Storage dst, int[] dstShape, bool accumulate)
    {
        using var _ = Time("SumTo", new(0, F * (Shape.Numel(srcShape) + (accumulate ? Shape.Numel(dstShape) : 0)), F * Shape.Numel(dstShape)));
        real.SumTo(src, srcShape, dst, dstShape, accumulate);
    }

    public void MaskedFill(Storage x, int[] shape, Storage mask, int[] maskShape, float value, Storage y)
    {
        using var _ = Time("MaskedFill", new(0, F * (Shape.Numel(shape) + Shape.Numel(maskShape)), F * Shape.Numel(shape)));
        real.MaskedFill(x, shape, mask, maskShape, value, y);
    }

    public void MatMul(Storage a, Storage b, Storage c, int batch, int m, int n, int k, bool transA, bool transB, long strideA, long strideB, long strideC, float beta)
    {
        // Batched products (attention's per-head ones) apart from the big single ones (the layers).
        // Every output element is a dot product of k terms; a matrix with stride 0 is read once for all batches.
        var read = ((strideA == 0 ? 1L : batch) * m * k) + ((strideB == 0 ? 1L : batch) * k * n) + (beta != 0 ? (long)batch * m * n : 0);
        using var _ = Time(batch > 1 ? "MatMul batched" : "MatMul", new((long)batch * m * n * k, F * read, F * (long)batch * m * n));
        real.MatMul(a, b, c, batch, m, n, k, transA, transB, strideA, strideB, strideC, beta);
    }

    public void Transpose(Storage src, Storage dst, int outer, int d1, int mid, int d2, int inner)
    {
        using var _ = Time("Transpose", new(0, F * outer * d1 * mid * d2 * inner, F * outer * d1 * mid * d2 * inner));
        real.Transpose(src, dst, outer, d1, mid, d2, inner);
    }

    public void Softmax(Storage x, Storage y, int rows, int cols, bool causal, int tq, bool log)
    {
        using var _ = Time("Softmax", new(0, F * rows * cols, F * rows * cols));
        real.Softmax(x, y, rows, cols, causal, tq, log);
    }

    public void SoftmaxBackward(Storage y, Storage dy, Storage dx, int rows, int cols, bool log, bool accumulate)
    {
        using var _ = Time("SoftmaxBackward", new(0, F * rows * cols * (accumulate ? 3 : 2), F * rows * cols));
        real.SoftmaxBackward(y, dy, dx, rows, cols, log, accumulate);
    }

    public void CrossEntropy(Storage logits, int[] targets, Storage losses, Storage logSumExp, int rows, int vocab, int ignoreIndex)
    {
        using var _ = Time("CrossEntropy", new(0, F * ((long)rows * vocab + rows), F * 2L * rows));
        real.CrossEntropy(logits, targets, losses, logSumExp, rows, vocab, ignoreIndex);
    }

    public void CrossEntropyBackward(Storage logits, Storage logSumExp, int[] targets, Storage dlogits, int rows, int vocab, int ignoreIndex, float scale, bool accumulate)
    {
        using var _ = Time("CrossEntropyBackward", new(0, F * ((long)rows * vocab * (accumulate ? 2 : 1) + (2L * rows)), F * rows * vocab));
        real.CrossEntropyBackward(logits, logSumExp, targets, dlogits, rows, vocab, ignoreIndex, scale, accumulate);
    }

    public void LayerNorm(Storage x, Storage weight, Storage bias, Storage y, Storage mean, Storage rstd, int rows, int cols, float eps)
    {
        using var _ = Time("LayerNorm", new(0, F * (((long)rows * cols) + (2L * cols)), F * (((long)rows * cols) + (2L * rows))));
        real.LayerNorm(x, weight, bias, y, mean, rstd, rows, cols, eps);
    }

    public void LayerNormBackward(Storage dy, Storage x, Storage weight, Storage mean, Storage rstd, Storage? dx, Storage? dweight, Storage? dbias, int rows, int cols)
    {
        using var _ = Time("LayerNormBackward", LayerNormBackwardCost(dx, dweight, dbias, rows, cols));
        real.LayerNormBackward(dy, x, weight, mean, rstd, dx, dweight, dbias, rows, cols);
    }

    public void Embedding(Storage weight, int[] ids, Storage output, int cols)
    {
        using var _ = Time("Embedding", new(0, F * ids.Length * (cols + 1L), F * ids.Length * cols));
        real.Embedding(weight, ids, output, cols);
    }

    public void EmbeddingBackward(Storage dout, int[] ids, Storage dweight, int cols)
    {
        using var _ = Time("EmbeddingBackward", new(0, F * ids.Length * ((2L * cols) + 1), F * ids.Length * cols));
        real.EmbeddingBackward(dout, ids, dweight, cols);
    }

    public void Dropout(Storage x, Storage y, long n, float p, ulong seed, bool accumulate)
    {
        using var _ = Time("Dropout", new(0, F * n * (accumulate ? 2 : 1), F * n));
        real.Dropout(x, y, n, p, seed, accumulate);
    }

    public void AdamW(Storage param, Storage grad, Storage m, Storage v, long n, float lr, float beta1, float beta2, float eps, float weightDecay, int step)
    {
        using var _ = Time("AdamW", new(0, F * 4 * n, F * 3 * n));
        real.AdamW(param, grad, m, v, n, lr, beta1, beta2, eps, weightDecay, step);
    }

    public double SumOfSquares(Storage x, long n)
    {
        using var _ = Time("SumOfSquares", new(0, F * n, 0));
        return real.SumOfSquares(x, n);
    }

    // Bytes per element: every storage holds float32 (and token ids are int32).
    private const long F = sizeof(float);

    // dx is written (added to); dweight and dbias are read and written (accumulated over rows).
    private static KernelCost LayerNormBackwardCost(Storage? dx, Storage? dweight, Storage? dbias, int rows, int cols)
    {
        var elements = (long)rows * cols;
        var parameters = (dweight is null ? 0 : cols) + (dbias is null ? 0 : cols);
        return new(0, F * ((2 * elements) + cols + (2L * rows) + (dx is null ? 0 : elements) + parameters), F * ((dx is null ? 0 : elements) + parameters));
    }

    private KernelProfile.Timer Time(string kernel, KernelCost cost = default) => new(profile, kernel, cost, Stopwatch.GetTimestamp());
}
