namespace Llm.Nn;

/// <summary>A table of vectors, one row per token id (torch.nn.Embedding): weight [count, dim], N(0, 1) at start.</summary>
public sealed class Embedding : Module
{
    public Embedding(int count, int dim, Generator generator)
    {
        Weight = RegisterParameter("weight", Tensor.RandN([count, dim], generator));
    }

    public Tensor Weight { get; }

    /// <summary>ids with shape idsShape (e.g. [B, T]) → vectors [B, T, dim].</summary>
    public Tensor Forward(int[] ids, params int[] idsShape) => Tensor.Embedding(Weight, ids, idsShape);
}
