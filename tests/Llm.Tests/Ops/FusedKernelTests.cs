using Llm.Tests.Reference;
using Xunit.Abstractions;

namespace Llm.Tests.Ops;

/// <summary>
/// Each fused op against the composition of primitives it replaces: the same values and the same
/// gradients for every input, over awkward shapes. A fused kernel exists only for speed or
/// stability; it must never change the answer.
/// </summary>
public class FusedKernelTests(ITestOutputHelper log)
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 6)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CrossEntropyIsMinusTheMeanLogSoftmaxOfTheTarget(int seed)
    {
        var k = new KernelPair(log, seed);
        var (rows, vocab) = (k.Size(), k.Size());
        var targets = k.Ids(rows, vocab);
        targets[k.Random.Next(rows)] = -100;   // one padded row, left out of the mean
        var oneHot = new float[rows * vocab];
        for (var r = 0; r < rows; r++)
        {
            if (targets[r] >= 0)
            {
                oneHot[(r * vocab) + targets[r]] = 1f;
            }
        }

        var counted = Math.Max(1, targets.Count(t => t >= 0));
        var pick = Tensor.FromArray(oneHot, rows, vocab);
        Same(
            $"CrossEntropy [{rows}, {vocab}]",
            x => x[0].CrossEntropy(targets),
            x => -(x[0].LogSoftmax() * pick).Sum() / counted,                                 // −mean log p(target)
            Input(seed, 3f, rows, vocab));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void LayerNormIsTheNormalisationWrittenOut(int seed)
    {
        var k = new KernelPair(log, seed);
        var (rows, cols) = (k.Size(), k.Size());
        const float eps = 1e-5f;
        Same(
            $"LayerNorm [{rows}, {cols}]",
            x => x[0].LayerNorm(x[1], x[2], eps),
            x =>
            {
                var centred = x[0] - x[0].Mean(-1, keepDim: true);                              // (rows, cols)
                var variance = (centred * centred).Mean(-1, keepDim: true);                    // (rows, 1), biased
                return (centred / (variance + eps).Pow(0.5f) * x[1]) + x[2];                  // (rows, cols)
            },
            Input(seed, 2f, rows, cols), Input(seed + 100, 1f, cols), Input(seed + 200, 1f, cols));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void LinearIsAProductPlusTheBias(int seed)
    {
        var k = new KernelPair(log, seed);
        var (rows, fanIn, fanOut) = (k.Size(), k.Size(), k.Size());
        Same(
            $"Linear [2, {rows}, {fanIn}] → {fanOut}",
            x => Tensor.Linear(x[0], x[1], x[2]),
            x => Tensor.MatMul(x[0], x[1], transposeB: true) + x[2],                          // (2, rows, fanOut)
            Input(seed, 1f, 2, rows, fanIn), Input(seed + 100, 1f, fanOut, fanIn), Input(seed + 200, 1f, fanOut));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CausalSoftmaxIsMaskedFillThenSoftmax(int seed)
    {
        // The causal attention weights: nanoGPT's att.masked_fill(mask == 0, −inf) then softmax.
        var k = new KernelPair(log, seed);
        var (tq, tk) = (k.Size(), k.Size());
        tq = Math.Min(tq, tk);
        var future = new float[tq * tk];
        for (var i = 0; i < tq; i++)
        {
            for (var j = i + tk - tq + 1; j < tk; j++)
            {
                future[(i * tk) + j] = 1f;
            }
        }

        var mask = Tensor.FromArray(future, tq, tk);
        Same(
            $"causal Softmax [2, 3, {tq}, {tk}]",
            x => x[0].Softmax(causal: true),
            x => x[0].MaskedFill(mask, float.NegativeInfinity).Softmax(),                     // (2, 3, Tq, Tk)
            Input(seed, 3f, 2, 3, tq, tk));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AttentionIsTheComposedScaledDotProduct(int seed)
    {
        // FlashAttention's blocks against softmax(q·kᵀ/√hs)·v written out, causal or not, with as
        // many queries as keys (self-attention) and with fewer (a KV cache, cross-attention); the
        // awkward sizes cross the 64-wide blocks (65, 257) and stay inside one (1, 3, 17).
        var k = new KernelPair(log, seed);
        var (tk, hs) = (k.Size(), k.Random.Next(1, 3) * 16 + (seed % 3));
        foreach (var (tq, causal) in new[] { (tk, true), (tk, false), (Math.Max(1, tk / 3), true), (k.Size(), false) })
        {
            Same(
                $"Attention [2, 3, {tq}, {hs}] over {tk} keys, causal: {causal}",
                x => Tensor.Attention(x[0], x[1], x[2], causal),
                x => Llm.Nn.Attention.ScaledDotProduct(x[0], x[1], x[2], causal, paddingMask: null, dropout: null, out _),  // (2, 3, Tq, hs)
                Input(seed, 1f, 2, 3, tq, hs), Input(seed + 100, 1f, 2, 3, tk, hs), Input(seed + 200, 1f, 2, 3, tk, hs));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AttentionWithDropoutDropsTheWeightsTheComposedOneDrops(int seed)
    {
        // In training the fused kernel drops attention weights itself, drawing the mask as
        // Tensor.Dropout draws it over the [2, 3, Tq, Tk] weights written out: same values, same
        // gradients. A mask indexed any other way (per block, per row of the block) fails here.
        var k = new KernelPair(log, seed);
        var (tk, hs) = (k.Size(), k.Random.Next(1, 3) * 16 + (seed % 3));
        var (p, maskSeed) = (0.1f + (0.1f * (seed % 4)), (ulong)(1000 + seed));
        foreach (var (tq, causal) in new[] { (tk, true), (Math.Max(1, tk / 3), true), (k.Size(), false) })
        {
            Same(
                $"Attention [2, 3, {tq}, {hs}] over {tk} keys, causal: {causal}, dropout {p:0.0}",
                x => Tensor.Attention(x[0], x[1], x[2], causal, p, maskSeed),
                x =>
                {
                    var scores = Tensor.MatMul(x[0] * (1f / MathF.Sqrt(hs)), x[1], transposeB: true); // (2, 3, Tq, Tk)
                    return Tensor.MatMul(scores.Softmax(causal).Dropout(p, maskSeed), x[2]);           // (2, 3, Tq, hs)
                },
                Input(seed, 1f, 2, 3, tq, hs), Input(seed + 100, 1f, 2, 3, tk, hs), Input(seed + 200, 1f, 2, 3, tk, hs));
        }
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    public void ADropoutOutsideZeroToOneIsRefusedByName(float dropout)
    {
        var (q, qkv) = (Input(1, 1f, 1, 2, 4, 8), Input(2, 1f, 1, 4, 24));
        var attention = Assert.Throws<TensorException>(() => Tensor.Attention(q, q, q, causal: true, dropout, seed: 1));
        Assert.Contains($"dropout must be in [0, 1), got {dropout}", attention.Message, StringComparison.Ordinal);
        var self = Assert.Throws<TensorException>(() => Tensor.SelfAttention(qkv, 2, causal: true, dropout, seed: 1));
        Assert.Contains("SelfAttention", self.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATrainingBlockDropsInTheFusedKernelWhatTheComposedStepsDrop()
    {
        // CausalSelfAttention with dropout on: the fused path (training) against the composed one it
        // takes when asked to keep the weights, from the same seed and the same count of masks drawn.
        var x = Input(5, 1f, 2, 70, 24);
        (float[] Output, float[] Grad) Run(bool keepWeights)
        {
            var attention = new Llm.Nn.CausalSelfAttention(24, 3, dropout: 0.2f, new Generator(11), seed: 17) { KeepWeights = keepWeights };
            var input = Tensor.FromArray(x.ToArray(), 2, 70, 24);
            input.RequiresGrad = true;
            attention.Forward(input);                                                              // a first mask, so the second call's differs from it
            var output = attention.Forward(input);
            (output * Tensor.RandN([2, 70, 24], 3)).Sum().Backward();
            return (output.ToArray(), input.Grad!.ToArray());
        }

        var (fused, composed) = (Run(keepWeights: false), Run(keepWeights: true));
        Compare.Close(log, "CausalSelfAttention with dropout, values", Tensor.FromArray(fused.Output, fused.Output.Length), Tensor.FromArray(composed.Output, composed.Output.Length), 1e-4, 1e-5, truth: "composed");
        Compare.Close(log, "CausalSelfAttention with dropout, dx", Tensor.FromArray(fused.Grad, fused.Grad.Length), Tensor.FromArray(composed.Grad, composed.Grad.Length), 1e-3, 1e-4, truth: "composed");
        Assert.Contains(fused.Output, v => v != 0f);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SelfAttentionIsSplitAttendMerge(int seed)
    {
        // c_attn's [B, T, 3C] read in place against the copies CausalSelfAttention made before.
        var k = new KernelPair(log, seed);
        var (t, heads, hs) = (k.Size(), k.Random.Next(1, 4), 8 + (seed % 5));
        var c = heads * hs;
        Same(
            $"SelfAttention [2, {t}, 3·{c}], {heads} heads",
            x => Tensor.SelfAttention(x[0], heads, causal: true),
            x =>
            {
                var parts = x[0].Split(c, axis: 2);                                             // 3 × (2, T, C)
                var (q, key, v) = (Llm.Nn.Attention.SplitHeads(parts[0], heads), Llm.Nn.Attention.SplitHeads(parts[1], heads), Llm.Nn.Attention.SplitHeads(parts[2], heads));
                return Llm.Nn.Attention.MergeHeads(Llm.Nn.Attention.ScaledDotProduct(q, key, v, causal: true, paddingMask: null, dropout: null, out _)); // (2, T, C)
            },
            Input(seed, 1f, 2, t, 3 * c));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FeedForwardIsLinearGeluLinear(int seed)
    {
        var k = new KernelPair(log, seed);
        var (rows, c, hidden) = (k.Size(), k.Size(), k.Size());
        Same(
            $"FeedForward [2, {rows}, {c}] → {hidden} → {c}",
            x => Tensor.FeedForward(x[0], x[1], x[2], x[3], x[4]),
            x => Tensor.Linear(Tensor.Linear(x[0], x[1], x[2]).Gelu(), x[3], x[4]),             // (2, rows, C)
            Input(seed, 1f, 2, rows, c), Input(seed + 100, 0.5f, hidden, c), Input(seed + 200, 1f, hidden), Input(seed + 300, 0.5f, c, hidden), Input(seed + 400, 1f, c));
    }

    private static Tensor Input(int seed, float scale, params int[] shape)
    {
        var t = Tensor.RandN(shape, (ulong)seed) * scale;
        return Tensor.FromArray(t.ToArray(), shape);
    }

    /// <summary>Values and the gradient of every input, with the same random upstream gradient on both sides.</summary>
    private void Same(string name, Func<Tensor[], Tensor> fused, Func<Tensor[], Tensor> composed, params Tensor[] inputs)
    {
        (Tensor Output, float[][] Grads) Run(Func<Tensor[], Tensor> f)
        {
            var leaves = inputs.Select(t => { var c = Tensor.FromArray(t.ToArray(), [.. t.Shape]); c.RequiresGrad = true; return c; }).ToArray();
            var output = f(leaves);
            var upstream = Tensor.RandN([.. output.Shape], 7);
            (output * upstream).Sum().Backward();
            return (output, leaves.Select(l => l.Grad!.ToArray()).ToArray());
        }

        var (fusedOut, fusedGrads) = Run(fused);
        var (composedOut, composedGrads) = Run(composed);
        // The composed side rounds after each of its primitives (six for LayerNorm), so gradients get a looser bound than values.
        Compare.Close(log, $"{name} values", fusedOut, composedOut, 1e-4, 1e-5, truth: "composed");
        for (var i = 0; i < inputs.Length; i++)
        {
            var (a, b) = (fusedGrads[i], composedGrads[i]);
            Compare.Close(log, $"{name} gradient of input {i}", Tensor.FromArray(a, a.Length), Tensor.FromArray(b, b.Length), 1e-3, 1e-4, truth: "composed");
        }
    }
}
