using Llm.Benchmarking;
using Llm.Generation;
using Llm.Kernels;
using Llm.Models;
using Llm.Nn;

namespace Llm.Tests.Course;

/// <summary>The counted work equals closed forms derived by hand from the sizes.</summary>
public class CostReportTests
{
    [Fact]
    public void AMatMulCountsMultiplyAddsAndItsOperands()
    {
        var a = Tensor.RandN([2, 3, 4], 1);
        var b = Tensor.RandN([2, 4, 5], 2);
        var shared = Tensor.RandN([4, 5], 3);

        // (2 × 3×4) · (2 × 4×5): each of the 2·3·5 outputs is a dot product of 4 terms → 120
        // multiply-adds; reads both operands (2·12 + 2·20 floats), writes 2·15 floats.
        var batched = CostReport.Of(() => Tensor.MatMul(a, b));
        Assert.Equal(new KernelCost(2 * 3 * 5 * 4, 4 * ((2 * 12) + (2 * 20)), 4 * 2 * 15), batched["MatMul batched"]);

        // One 4×5 matrix shared by both batches is read once: 2·12 + 20 floats.
        var broadcast = CostReport.Of(() => Tensor.MatMul(a, shared));
        Assert.Equal(2 * 3 * 5 * 4, broadcast.Total.MultiplyAdds);
        Assert.Equal(4 * ((2 * 12) + 20), broadcast.Total.BytesRead);
    }

    [Fact]
    public void ASoftmaxReadsAndWritesEachElementOnce()
    {
        var x = Tensor.RandN([3, 7], 4);

        // A fused row kernel: 3·7 floats in, 3·7 out, no matrix product; the causal mask changes nothing.
        var plain = CostReport.Of(() => x.Softmax());
        var causal = CostReport.Of(() => x.Reshape(1, 3, 7).Softmax(causal: true));
        var count = Assert.Single(plain.Kernels);
        Assert.Equal(new KernelCount("Softmax", 1, new KernelCost(0, 4 * 21, 4 * 21)), count);
        Assert.Equal(plain.Total, causal.Total);
    }

    [Fact]
    public void AGptForwardCountsTheTextbookFormula()
    {
        var config = new GptConfig { VocabSize = 37, BlockSize = 16, Layers = 2, Heads = 2, Embd = 12 };
        var model = new Gpt(config);
        model.Eval();
        var (b, t, c, l, v) = (3L, 10L, (long)config.Embd, (long)config.Layers, (long)config.VocabSize);
        var ids = Enumerable.Range(0, (int)(b * t)).Select(i => i % config.VocabSize).ToArray();

        var cost = CostReport.Of(() => model.Forward(ids, (int)b, (int)t));

        // Per block and token: c_attn C→3C (3C²), c_proj C→C (C²), c_fc C→4C (4C²), mlp c_proj 4C→C
        // (4C²): 12C² for the layers. Attention per head: scores T×hs·hs×T and weights·v T×T·T×hs,
        // T²·hs each; summed over H heads (H·hs = C): 2·T²·C per sequence (one fused kernel here,
        // the model being in evaluation mode). The output layer (tied to wte): C·V per token.
        // Total = L·(12·B·T·C² + 2·B·T²·C) + B·T·C·V.
        Assert.Equal(l * ((12 * b * t * c * c) + (2 * b * t * t * c)) + (b * t * c * v), cost.Total.MultiplyAdds);
        Assert.Equal(l * 2 * b * t * t * c, cost["Attention"].MultiplyAdds);
        Assert.Equal(b * t * c * ((l * 12 * c) + v), cost["MatMul"].MultiplyAdds);

        // Two LayerNorms per block and the final one read B·T·C floats plus weight and bias (2C) each.
        Assert.Equal(((2 * l) + 1) * 4 * ((b * t * c) + (2 * c)), cost["LayerNorm"].BytesRead);
    }

    [Fact]
    public void WithAKvCacheOneNewTokenCostsItsOwnRowAndAttentionOverTheCache()
    {
        var config = new GptConfig { VocabSize = 37, BlockSize = 16, Layers = 2, Heads = 2, Embd = 12 };
        var model = new Gpt(config);
        model.Eval();
        var (c, l, v) = ((long)config.Embd, (long)config.Layers, (long)config.VocabSize);
        var cache = new KvCache(config.Layers);
        using var _ = Tensor.NoGrad();
        model.Forward([1, 2, 3, 4, 5, 6, 7], 1, 7, cache);

        // The 8th token: the layers see one row (12C² per block, C·V for the logits); its query
        // attends to all 8 cached positions (2·8·C per block). Without the cache it would be the whole
        // 8-token forward of the formula above.
        var step = CostReport.Of(() => model.Forward([8], 1, 1, cache));
        Assert.Equal(l * ((12 * c * c) + (2 * 8 * c)) + (c * v), step.Total.MultiplyAdds);

        var whole = CostReport.Of(() => model.Forward([1, 2, 3, 4, 5, 6, 7, 8], 1, 8));
        Assert.Equal(l * ((12 * 8 * c * c) + (2 * 8 * 8 * c)) + (8 * c * v), whole.Total.MultiplyAdds);
    }
}
