namespace Llm.Kernels;

/// <summary>Embedding lookup and its scatter-add, as plain loops.</summary>
public sealed partial class ReferenceBackend
{
    // weight [V, cols], ids [N] → output [N, cols]: output[i] = weight[ids[i]], a one-hot row times the table.
    public void Embedding(in EmbeddingArgs args)
    {
        var (weight, ids, output, cols) = args;
        var (w, o) = (Data(weight), Data(output));
        for (var i = 0; i < ids.Length; i++)
        {
            Array.Copy(w, (long)ids[i] * cols, o, (long)i * cols, cols);
        }
    }

    // dweight[ids[i]] += dout[i]: the transpose of the one-hot product; an id used twice gets both rows.
    public void EmbeddingBackward(in EmbeddingBackwardArgs args)
    {
        var (dout, ids, dweight, cols) = args;
        var (g, dw) = (Data(dout), Data(dweight));
        for (var i = 0; i < ids.Length; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                dw[((long)ids[i] * cols) + j] += g[((long)i * cols) + j];
            }
        }
    }
}
