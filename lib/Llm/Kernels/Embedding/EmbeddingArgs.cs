namespace Llm.Kernels;

/// <summary>output[i] = weight[ids[i]]: a row of Cols numbers looked up per id.</summary>
public readonly record struct EmbeddingArgs(Storage Weight, int[] Ids, Storage Output, int Cols) : IKernelArgs<EmbeddingArgs>
{
    public string Kernel => "Embedding";

    public KernelCost Cost => KernelCost.Elements(read: Ids.Length * (Cols + 1L), written: (long)Ids.Length * Cols);

    public static void Run(IBackend backend, in EmbeddingArgs args) => backend.Embedding(args);

    /// <summary>The backward of this call: the lookup's gradient scattered back into the table's rows.</summary>
    public EmbeddingBackwardArgs Backward(Storage doutput, Storage dweight) => new(doutput, Ids, dweight, Cols);
}

/// <summary>dweight[ids[i]] += doutput[i]: the scatter-add that undoes a lookup (an id used twice gets both rows).</summary>
public readonly record struct EmbeddingBackwardArgs(Storage DOutput, int[] Ids, Storage DWeight, int Cols) : IKernelArgs<EmbeddingBackwardArgs>
{
    public string Kernel => "EmbeddingBackward";

    public KernelCost Cost => KernelCost.Elements(read: Ids.Length * ((2L * Cols) + 1), written: (long)Ids.Length * Cols);

    public static void Run(IBackend backend, in EmbeddingBackwardArgs args) => backend.EmbeddingBackward(args);
}
