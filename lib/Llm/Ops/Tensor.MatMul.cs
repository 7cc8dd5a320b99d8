using Llm.Kernels;

namespace Llm;

/// <summary>Matrix products, batched, with the transposes attention needs folded in. The kernels and their plain loops: Kernels/MatMul/.</summary>
public sealed partial class Tensor
{
    /// <summary>this · other (see <see cref="MatMul(Tensor, Tensor, bool, bool)"/>).</summary>
    public Tensor MatMul(Tensor other) => MatMul(this, other);

    /// <summary>
    /// op(a) · op(b) where op transposes the last two axes when asked, without copying.
    /// a is [..., m, k] (or [..., k, m] with transposeA); b is [k, n] (or [n, k]) shared by every
    /// batch, or [..., k, n] with the same leading axes as a. Result: [..., m, n].
    /// Gradients (the chain rule for C = A·B): dA = dC·Bᵀ, dB = Aᵀ·dC, with the transposes carried along.
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false) =>
        MatMul("MatMul", a, b, transposeA, transposeB, bias: null);

    /// <summary>
    /// The product, plus <paramref name="bias"/> [n] on every row when one is given: the bias is
    /// copied into the output first and the product added onto it (GEMM's beta = 1), which saves a
    /// second output-sized tensor and a pass over it. Its gradient is dC summed over the rows.
    /// </summary>
    private static Tensor MatMul(string op, Tensor a, Tensor b, bool transposeA, bool transposeB, Tensor? bias)
    {
        TensorException.SameDevice(op, a, b);
        if (a.Rank < 2 || b.Rank < 2)
        {
            throw new TensorException(op, $"needs two tensors of rank 2 or more, got {TensorException.Shapes(a, b)}; reshape a vector to [1, n] or [n, 1].");
        }

        var (m, k) = transposeA ? (a.shape[^1], a.shape[^2]) : (a.shape[^2], a.shape[^1]);
        var (k2, n) = transposeB ? (b.shape[^1], b.shape[^2]) : (b.shape[^2], b.shape[^1]);
        if (k != k2)
        {
            throw new TensorException(op, $"inner dimensions differ: {TensorException.Shapes(a, b)} give {m}×{k} · {k2}×{n}{(transposeA || transposeB ? $" (transposeA: {transposeA}, transposeB: {transposeB})" : "")}.");
        }

        var aBatch = a.shape[..^2];
        var bBatch = b.shape[..^2];
        int[] batchShape;
        int batch;
        long strideA = (long)m * k, strideB = (long)k * n;
        if (bBatch.Length == 0)
        {
            batchShape = aBatch;
            batch = (int)Llm.Shape.Numel(aBatch);
            strideB = 0;
            if (!transposeA)
            {
                // [..., m, k] · [k, n] is one big [(…·m), k] · [k, n] product.
                m *= batch;
                batch = 1;
            }
        }
        else if (aBatch.Length == 0)
        {
            batchShape = bBatch;
            batch = (int)Llm.Shape.Numel(bBatch);
            strideA = 0;
        }
        else if (aBatch.AsSpan().SequenceEqual(bBatch))
        {
            batchShape = aBatch;
            batch = (int)Llm.Shape.Numel(aBatch);
        }
        else
        {
            throw new TensorException(op, $"batch dimensions differ: {TensorException.Shapes(a, b)}; give both the same leading axes, or make b 2-D to share it.");
        }

        var outShape = batchShape.Concat(transposeA || bBatch.Length != 0 ? [m, n] : [a.shape[^2], n]).ToArray();
        var output = a.NewTensor(outShape);
        var backend = a.Backend;
        if (bias is not null && n > 0)
        {
            backend.Run(new CopyBlocksArgs(bias.Storage, 0, 0, output.Storage, 0, n, (int)(output.Numel / n), n)); // every row starts as the bias
        }

        var forward = new MatMulArgs(new(a.Storage, transposeA, strideA), new(b.Storage, transposeB, strideB), output.Storage, m * (long)n, batch, m, n, k, Beta: bias is null ? 0f : 1f);
        backend.Run(forward);

        return Record(op, output, bias is null ? [a, b] : [a, b, bias], g =>
        {
            bias?.AddToGrad((grad, accumulate) => backend.Run(new SumToArgs(g.Storage, g.shape, grad, bias.shape, accumulate)));   // d bias = Σ over rows of dC

            // beta = 1 adds the product to the gradient already there. When a is shared by every
            // batch (stride 0), so is its gradient: the batches' products add up in it.
            a.AddToGrad((grad, accumulate) => backend.Run(forward.GradA(g.Storage, grad, Beta(accumulate))));   // dA = dC · op(B)ᵀ
            b.AddToGrad((grad, accumulate) => backend.Run(forward.GradB(g.Storage, grad, Beta(accumulate))));   // dB = op(A)ᵀ · dC
        });
    }

    private static float Beta(bool accumulate) => accumulate ? 1f : 0f;
}
