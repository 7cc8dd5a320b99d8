namespace Llm.Tests.Autograd;

/// <summary>Gradient checks for the fused layers: Embedding, CrossEntropy, LayerNorm, Dropout, MaskedFill.</summary>
public class GradCheckLayerTests
{
    [Fact]
    public void EmbeddingWithRepeatedIds()
    {
        // Ids 3 and 7 appear several times, so their rows of the table's gradient are sums (the scatter-add).
        int[] ids = [3, 7, 3, 0, 9, 7, 3, 1];
        GradCheck.Check(w => Tensor.Embedding(w, ids, 2, 4).Tanh(), TestTensors.Normal(51, 10, 17));
        GradCheck.Check(w => Tensor.Embedding(w, ids), TestTensors.Normal(52, 65, 3));
    }

    [Fact]
    public void EmbeddingWithOneRepeatedIdEverywhere() =>
        GradCheck.Check(w => Tensor.Embedding(w, [2, 2, 2, 2, 2], 5) * 3f, TestTensors.Normal(53, 3, 63));

    [Fact]
    public void CrossEntropy()
    {
        var rows = new Generator(54);
        var targets = Enumerable.Range(0, 6).Select(_ => rows.NextInt(17)).ToArray();
        GradCheck.Check(x => x.CrossEntropy(targets), TestTensors.Normal(55, 6, 17) * 2f);
        GradCheck.Check(x => x.CrossEntropy([0, 64, 31]), TestTensors.Normal(56, 3, 65));
    }

    [Fact]
    public void CrossEntropyOnBatchedLogitsWithIgnoredRows()
    {
        // Rows with target −100 (padding) give no loss and no gradient, and are left out of the mean.
        int[] targets = [4, -100, 16, 0, -100, 9];
        GradCheck.Check(x => x.CrossEntropy(targets), TestTensors.Normal(57, 2, 3, 17));
    }

    [Fact]
    public void CrossEntropyWithACustomIgnoreIndex()
    {
        // Here the ignore index is a real token id (2): rows that target it are skipped.
        int[] targets = [2, 5, 2, 0];
        GradCheck.Check(x => x.CrossEntropy(targets, ignoreIndex: 2), TestTensors.Normal(58, 4, 7));
    }

    [Fact]
    public void CrossEntropyAfterMoreLayers() =>
        GradCheck.Check((x, w) => x.MatMul(w).CrossEntropy([1, 0, 4]), TestTensors.Normal(59, 3, 17), TestTensors.Normal(60, 17, 5));

    [Theory]
    [InlineData(new[] { 3, 17 })]
    [InlineData(new[] { 2, 3, 17 })]
    [InlineData(new[] { 4, 65 })]
    [InlineData(new[] { 1, 257 })]
    [InlineData(new[] { 5, 3 })]
    [InlineData(new[] { 2, 35, 6 })] // 70 rows: the backward pass sums weight and bias gradients in chunks of 32 rows
    public void LayerNormGradientsForInputWeightAndBias(int[] shape)
    {
        var cols = shape[^1];
        GradCheck.Check(
            (x, w, b) => x.LayerNorm(w, b),
            TestTensors.Normal(61, shape),
            TestTensors.Normal(62, cols) * 0.5f + 1f,
            TestTensors.Normal(63, cols));
    }

    [Fact]
    public void LayerNormOfAnInputUsedAgain() =>
        // Residual around the layer norm: x gets the gradient of both paths.
        GradCheck.Check((x, w, b) => x + x.LayerNorm(w, b).Gelu(), TestTensors.Normal(64, 3, 17), TestTensors.Normal(65, 17) + 1f, TestTensors.Normal(66, 17));

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.9f)]
    public void DropoutWithAFixedSeed(float p) =>
        // The same seed draws the same mask, so the function is deterministic and the check applies.
        GradCheck.Check(x => x.Dropout(p, seed: 77).Tanh(), TestTensors.Normal(67, 2, 3, 65));

    [Fact]
    public void MaskedFill()
    {
        var rowMask = Tensor.FromArray(Enumerable.Range(0, 17).Select(i => i % 3 == 0 ? 1f : 0f).ToArray(), 1, 17);
        var columnMask = Tensor.FromArray([0f, 1f, 0f], 3, 1);
        var fullMask = TestTensors.Uniform(68, 0f, 1f, 2, 3, 17) * 2f - 1f;   // non-zero means masked, any sign
        GradCheck.Check(x => x.MaskedFill(rowMask, -3f).Tanh(), TestTensors.Normal(69, 2, 3, 17));
        GradCheck.Check(x => x.MaskedFill(columnMask, 5f) * x, TestTensors.Normal(70, 3, 17));
        GradCheck.Check(x => x.MaskedFill(fullMask.Relu(), 0f), TestTensors.Normal(71, 2, 3, 17));
    }

    [Theory]
    [InlineData(5, 5, true)]       // self-attention inside one block
    [InlineData(70, 70, true)]     // crosses the 64-wide blocks
    [InlineData(3, 70, true)]      // fewer queries than keys, as with a KV cache
    [InlineData(9, 67, false)]     // cross-attention
    public void FusedAttention(int tq, int tk, bool causal) =>
        GradCheck.Check((q, k, v) => Tensor.Attention(q, k, v, causal).Tanh(), TestTensors.Normal(72, 2, tq, 8), TestTensors.Normal(73, 2, tk, 8), TestTensors.Normal(74, 2, tk, 8));

    [Fact]
    public void SelfAttentionFromPackedQkv() =>
        GradCheck.Check(qkv => Tensor.SelfAttention(qkv, heads: 2, causal: true).Tanh(), TestTensors.Normal(75, 2, 70, 3 * 2 * 8));

    [Fact]
    public void FusedFeedForward() =>
        GradCheck.Check(
            x => Tensor.FeedForward(x[0], x[1], x[2], x[3], x[4]).Tanh(),
            [TestTensors.Normal(76, 2, 3, 5), TestTensors.Normal(77, 17, 5) * 0.5f, TestTensors.Normal(78, 17), TestTensors.Normal(79, 4, 17) * 0.5f, TestTensors.Normal(80, 4)]);
}
