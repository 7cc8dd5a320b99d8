using Llm.Models;
using Llm.Optim;
using Xunit.Abstractions;

namespace Llm.Tests.Ops;

/// <summary>Whole training steps of a GPT with every kernel call checked against the reference loops, through one generic observer.</summary>
public class KernelCheckTests(ITestOutputHelper log)
{
    [Fact]
    public void EveryKernelOfAGptTrainingStepMatchesTheReference()
    {
        // With dropout the attention weights are dropped, so attention runs as its composed
        // operations; without, as the fused kernel. Between them, every kernel a GPT uses.
        var generator = new Generator(4);
        var ids = Enumerable.Range(0, 3 * 8).Select(_ => generator.NextInt(19)).ToArray();
        var check = new KernelCheck(tolerance: 1e-4);
        foreach (var dropout in new[] { 0.1f, 0f })
        {
            var model = new Gpt(new GptConfig { VocabSize = 19, BlockSize = 8, Layers = 2, Heads = 2, Embd = 16, Dropout = dropout });
            var optimizer = new AdamW(model, lr: 1e-2f, weightDecay: 0.1f);
            using (Tensor.ObserveKernels(check))
            {
                for (var step = 0; step < 2; step++)
                {
                    var (_, loss) = model.Forward(ids, ids.Reverse().ToArray(), 3, 8);
                    optimizer.ZeroGrad();
                    loss.Backward();
                    GradientClipping.ClipGradNorm(model.Parameters(), 1f);
                    optimizer.Step();
                }
            }
        }

        var kinds = check.Checked.Select(k => k.Split(' ')[0]).ToHashSet();
        log.WriteLine($"{check.Checked.Count} calls of {kinds.Count} kernels checked: {string.Join(", ", kinds.Order())}");
        Assert.Empty(check.Mismatches);
        Assert.Superset(new HashSet<string> { "MatMul", "Attention", "AttentionBackward", "CrossEntropy", "CrossEntropyBackward", "LayerNorm", "LayerNormBackward", "Embedding", "EmbeddingBackward", "Dropout", "AdamW", "SumOfSquares", "Binary", "SumTo", "Unary", "UnaryBackward" }, kinds);
    }

    [Fact]
    public void ADifferenceIsCaught()
    {
        // With no tolerance at all, a long product summed in float32 (the CPU) against float64 (the
        // reference) differs in its last bits: the check reports the call and the operand.
        var check = new KernelCheck(tolerance: 0);
        var (a, b) = (Tensor.RandN([3, 257], 2), Tensor.RandN([257, 3], 3));
        using (Tensor.ObserveKernels(check))
        {
            _ = Tensor.MatMul(a, b);
        }

        Assert.Equal(["MatMul"], check.Checked);
        Assert.Contains(check.Mismatches, m => m.StartsWith("MatMul: C differs by", StringComparison.Ordinal));
    }
}
