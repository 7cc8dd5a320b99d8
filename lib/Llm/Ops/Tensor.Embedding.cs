using Llm.Kernels;

namespace Llm;

/// <summary>Embedding lookup: rows of a table picked by token ids. The kernels and their plain loops: Kernels/Embedding/.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Picks row ids[i] of <paramref name="weight"/> [V, C] for each id; the result has shape
    /// idsShape + [C] (e.g. [B, T, C]). Same as multiplying a one-hot vector by the table, without
    /// the multiplications. Backward scatter-adds: dweight[ids[i]] += dout[i].
    /// </summary>
    public static Tensor Embedding(Tensor weight, int[] ids, params int[] idsShape)
    {
        const string op = "Embedding";
        if (weight.Rank != 2)
        {
            throw new TensorException(op, $"the table must be [V, C], got {Llm.Shape.Format(weight.shape)}.");
        }

        if (idsShape.Length == 0)
        {
            idsShape = [ids.Length];
        }

        if (Llm.Shape.Numel(idsShape) != ids.Length)
        {
            throw new TensorException(op, $"{ids.Length} ids do not fill shape {Llm.Shape.Format(idsShape)}.");
        }

        var (vocab, cols) = (weight.shape[0], weight.shape[1]);
        foreach (var id in ids)
        {
            if (id < 0 || id >= vocab)
            {
                throw new TensorException(op, $"id {id} is outside the table's {vocab} rows (table {Llm.Shape.Format(weight.shape)}).");
            }
        }

        var output = weight.NewTensor([.. idsShape, cols]);
        var forward = new EmbeddingArgs(weight.Storage, ids, output.Storage, cols);
        weight.Backend.Run(forward);
        return Record(op, output, [weight], g => weight.AddToGrad(grad => weight.Backend.Run(forward.Backward(g.Storage, grad))));
    }
}
