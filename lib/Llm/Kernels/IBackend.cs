namespace Llm.Kernels;

/// <summary>Element-wise operations of two tensors (with broadcasting).</summary>
public enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>Element-wise operations of one tensor; some take a scalar argument.</summary>
public enum UnaryOp
{
    AddScalar,   // y = x + s
    MulScalar,   // y = x * s
    PowScalar,   // y = x ^ s
    Relu,        // y = max(x, 0)
    Gelu,        // y = GELU(x), tanh form as in GPT-2
    Tanh,        // y = tanh(x)
    Exp,         // y = e^x
    Log,         // y = ln x
}

/// <summary>
/// The primitive kernels a device must provide. Everything else (autograd, layers, models) is
/// written once on top of these, so a CUDA backend slots in without changing model code.
/// Shapes are passed as plain integers; all storages are contiguous and row-major.
/// </summary>
public interface IBackend
{
    Device Device { get; }

    // ---- memory ----
    /// <summary>Uninitialised storage; persistent storage (gradients, optimizer state) outlives training steps.</summary>
    Storage Allocate(long length, bool persistent = false);

    Storage FromArray(float[] values);

    /// <summary>
    /// Says that no tensor uses <paramref name="storage"/> any more, so its memory may serve the next
    /// allocation at once (autograd calls it for gradients it has finished with). A backend may
    /// ignore it; the garbage collector then reclaims the memory later.
    /// </summary>
    void Release(Storage storage);

    /// <summary>
    /// Starts a training step on this thread (<see cref="Tensor.Step"/>): memory handed out until the
    /// scope is disposed is taken back then, all at once, and using it afterwards is an error.
    /// Persistent allocations are not part of the step.
    /// </summary>
    IDisposable BeginStep();

    void CopyToArray(Storage source, long offset, Span<float> destination);

    void Fill(Storage storage, long offset, long count, float value);

    /// <summary>Copies (or adds) <paramref name="rows"/> blocks of <paramref name="cols"/> floats between strided positions (split, concatenate, slices).</summary>
    void CopyBlocks(Storage src, long srcOffset, long srcStride, Storage dst, long dstOffset, long dstStride, int rows, long cols, bool accumulate = false);

    // ---- element-wise ----
    /// <summary>c = a op b, where a and b broadcast to <paramref name="outShape"/>.</summary>
    void Binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, Storage c, int[] outShape);

    /// <summary>y = f(x) over n elements (y may be x).</summary>
    void Unary(UnaryOp op, Storage x, Storage y, long n, float scalar);

    /// <summary>dx (+)= f'(x) * dy for the unary op; <paramref name="y"/> is the forward output when the derivative is cheaper from it.</summary>
    void UnaryBackward(UnaryOp op, Storage x, Storage y, Storage dy, Storage dx, long n, float scalar, bool accumulate);

    /// <summary>Sums <paramref name="src"/> down to <paramref name="dstShape"/> (the reverse of broadcasting: every dimension where dstShape is 1 or missing is summed).</summary>
    void SumTo(Storage src, int[] srcShape, Storage dst, int[] dstShape, bool accumulate);

    /// <summary>y = (mask != 0) ? value : x, mask broadcast to x's shape.</summary>
    void MaskedFill(Storage x, int[] shape, Storage mask, int[] maskShape, float value, Storage y);

    // ---- linear algebra ----
    /// <summary>
    /// c[i] = beta*c[i] + op(a[i]) · op(b[i]) for i in batches; op transposes when asked.
    /// a[i] is (m×k) or (k×m) when transposed; b[i] is (k×n) or (n×k); c[i] is m×n.
    /// A stride of 0 reuses the same matrix for every batch.
    /// </summary>
    void MatMul(Storage a, Storage b, Storage c, int batch, int m, int n, int k, bool transA, bool transB, long strideA, long strideB, long strideC, float beta);

    /// <summary>Swaps dimensions d1 and d2 of a tensor viewed as [outer, d1, mid, d2, inner].</summary>
    void Transpose(Storage src, Storage dst, int outer, int d1, int mid, int d2, int inner);

    // ---- fused rows ----
    /// <summary>Softmax over each row of length cols. With causal, rows are [.., tq, cols] and entry j of query row i is masked when j > i + cols - tq.</summary>
    void Softmax(Storage x, Storage y, int rows, int cols, bool causal, int tq, bool log);

    /// <summary>Backward of softmax (or log-softmax) from its output y; masked entries (y = 0, or −∞ for log-softmax) get no gradient.</summary>
    void SoftmaxBackward(Storage y, Storage dy, Storage dx, int rows, int cols, bool log, bool accumulate);

    /// <summary>Per-row loss = logsumexp(logits) - logits[target]; rows whose target equals ignoreIndex give 0. Saves logsumexp per row.</summary>
    void CrossEntropy(Storage logits, int[] targets, Storage losses, Storage logSumExp, int rows, int vocab, int ignoreIndex);

    /// <summary>dlogits (+)= scale * (softmax(logits) - onehot(target)), zero on ignored rows.</summary>
    void CrossEntropyBackward(Storage logits, Storage logSumExp, int[] targets, Storage dlogits, int rows, int vocab, int ignoreIndex, float scale, bool accumulate);

    /// <summary>y = (x - mean) / sqrt(var + eps) * weight + bias over rows of length cols; saves mean and 1/std per row.</summary>
    void LayerNorm(Storage x, Storage weight, Storage bias, Storage y, Storage mean, Storage rstd, int rows, int cols, float eps);

    /// <summary>Accumulates the gradients of layer norm into dx, dweight and dbias (any of which may be null).</summary>
    void LayerNormBackward(Storage dy, Storage x, Storage weight, Storage mean, Storage rstd, Storage? dx, Storage? dweight, Storage? dbias, int rows, int cols);

    // ---- lookups and noise ----
    /// <summary>out[i] = weight[ids[i]] for rows of length cols.</summary>
    void Embedding(Storage weight, int[] ids, Storage output, int cols);

    /// <summary>dweight[ids[i]] += dout[i]: the scatter-add that undoes a lookup.</summary>
    void EmbeddingBackward(Storage dout, int[] ids, Storage dweight, int cols);

    /// <summary>y = x * keep / (1 - p), keep drawn from a counter-based generator so backward can redraw it from the seed.</summary>
    void Dropout(Storage x, Storage y, long n, float p, ulong seed, bool accumulate);

    // ---- optimizer ----
    /// <summary>One AdamW update of n parameters (decoupled weight decay, bias-corrected moments).</summary>
    void AdamW(Storage param, Storage grad, Storage m, Storage v, long n, float lr, float beta1, float beta2, float eps, float weightDecay, int step);

    /// <summary>Sum of squares of n elements, in float64 for a stable norm.</summary>
    double SumOfSquares(Storage x, long n);
}
