namespace Llm.Kernels;

/// <summary>
/// What a device must provide: memory, and the primitive kernels. Everything else (autograd,
/// layers, models) is written once on top of these, so a CUDA backend slots in without changing
/// model code. Each primitive has a folder of its own under Kernels/ with its argument record, its
/// plain reference loops (<see cref="ReferenceBackend"/>), its CPU kernel and its CUDA kernel; a
/// call takes the record, which names every operand. Storages are contiguous and row-major.
/// </summary>
public interface IBackend
{
    Device Device { get; }

    // ---- memory ----
    /// <summary>
    /// Uninitialised storage: lent by <paramref name="step"/> until it ends, or, without a step, owned
    /// by the garbage collector (parameters, their gradients, optimizer state, anything made outside a step).
    /// </summary>
    Storage Allocate(long length, IStepMemory? step = null);

    Storage FromArray(float[] values);

    /// <summary>
    /// Says that no tensor uses <paramref name="storage"/> any more, so its memory may serve the next
    /// allocation at once (autograd calls it for gradients it has finished with). A backend may
    /// ignore it; the garbage collector then reclaims the memory later.
    /// </summary>
    void Release(Storage storage);

    /// <summary>
    /// Memory for one training step (<see cref="Tensor.Step"/> asks for it): what <see cref="Allocate"/>
    /// lends from it is taken back when it is disposed, all at once, and using it afterwards is an error.
    /// </summary>
    IStepMemory BeginStep();

    void CopyToArray(Storage source, long offset, Span<float> destination);

    // ---- kernels, one per primitive: Kernels/<Primitive>/ ----
    void Fill(in FillArgs args);                                    // Copy/

    void CopyBlocks(in CopyBlocksArgs args);                        // Copy/

    void Transpose(in TransposeArgs args);                          // Copy/

    void Binary(in BinaryArgs args);                                // Binary/

    void SumTo(in SumToArgs args);                                  // Binary/: broadcasting's backward

    void Unary(in UnaryArgs args);                                  // Unary/

    void UnaryBackward(in UnaryBackwardArgs args);                  // Unary/

    void MaskedFill(in MaskedFillArgs args);                        // MaskedFill/

    void MatMul(in MatMulArgs args);                                // MatMul/

    void Softmax(in SoftmaxArgs args);                              // Softmax/

    void SoftmaxBackward(in SoftmaxBackwardArgs args);              // Softmax/

    void CrossEntropy(in CrossEntropyArgs args);                    // CrossEntropy/

    void CrossEntropyBackward(in CrossEntropyBackwardArgs args);    // CrossEntropy/

    void LayerNorm(in LayerNormArgs args);                          // LayerNorm/

    void LayerNormBackward(in LayerNormBackwardArgs args);          // LayerNorm/

    void Embedding(in EmbeddingArgs args);                          // Embedding/

    void EmbeddingBackward(in EmbeddingBackwardArgs args);          // Embedding/

    void Dropout(in DropoutArgs args);                              // Dropout/

    void AdamW(in AdamWArgs args);                                  // AdamW/

    void SumOfSquares(in SumOfSquaresArgs args);                    // SumOfSquares/

    void Attention(in AttentionArgs args);                          // Attention/: fused, for speed and memory

    void AttentionBackward(in AttentionBackwardArgs args);          // Attention/
}

/// <summary>The memory one backend lends for one training step; disposing it takes everything back.</summary>
public interface IStepMemory : IDisposable;
