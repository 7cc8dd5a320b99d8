using Llm.Kernels;

namespace Llm.Tests.Autograd;

/// <summary>Tests that change the global <see cref="CpuParallel.Threads"/> (DeterminismTests, GemmTests, BenchTests through the command line's --threads) run on their own: one beside another read a thread count it had not set.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class CpuThreadsCollection
{
    public const string Name = "CpuParallel.Threads";
}

/// <summary>
/// Training is reproducible: the same seed gives bitwise the same losses, run after run and on any
/// number of threads (each kernel splits its work the same way whatever the thread count).
/// </summary>
[Collection(CpuThreadsCollection.Name)]
public class DeterminismTests
{
    private const int Steps = 3;

    [Fact]
    public void SameSeedGivesBitwiseTheSameLosses()
    {
        var first = Train(seed: 7);
        var second = Train(seed: 7);
        Assert.Equal(first.Losses, second.Losses);
        Assert.Equal(first.Weights, second.Weights);
        Assert.NotEqual(first.Losses, Train(seed: 8).Losses);   // …and the seed does matter
    }

    [Fact]
    public void OneOrTwoThreadsGiveBitwiseTheSameLosses()
    {
        var saved = CpuParallel.Threads;
        try
        {
            CpuParallel.Threads = 1;
            var one = Train(seed: 7);
            CpuParallel.Threads = 2;
            var two = Train(seed: 7);
            CpuParallel.Threads = saved;
            var all = Train(seed: 7);

            Assert.Equal(one.Losses, two.Losses);
            Assert.Equal(one.Weights, two.Weights);
            Assert.Equal(one.Losses, all.Losses);
        }
        finally
        {
            CpuParallel.Threads = saved;
        }
    }

    /// <summary>
    /// A two-layer MLP classifier trained by plain SGD: Linear (MatMul + Add) → GELU → dropout →
    /// LayerNorm → Linear → cross-entropy. 256 rows of 256 features, so each kernel has well over
    /// the ~32k units of work below which CpuParallel runs inline, and the parallel paths really run.
    /// </summary>
    private static (float[] Losses, float[] Weights) Train(ulong seed)
    {
        const int rows = 256, inputs = 128, hidden = 256, classes = 64;
        const float learningRate = 0.1f;
        var random = new Generator(seed);
        var x = Tensor.RandN([rows, inputs], random);
        var targets = Enumerable.Range(0, rows).Select(_ => random.NextInt(classes)).ToArray();
        Tensor[] parameters =
        [
            Tensor.RandN([inputs, hidden], random, std: 0.1f),   // w1
            Tensor.Zeros(hidden),                                 // b1
            Tensor.Ones(hidden),                                  // layer norm weight
            Tensor.Zeros(hidden),                                 // layer norm bias
            Tensor.RandN([hidden, classes], random, std: 0.1f),  // w2
            Tensor.Zeros(classes),                                // b2
        ];

        var losses = new float[Steps];
        for (var step = 0; step < Steps; step++)
        {
            foreach (var p in parameters)
            {
                p.RequiresGrad = true;
            }

            var (w1, b1, gamma, beta, w2, b2) = (parameters[0], parameters[1], parameters[2], parameters[3], parameters[4], parameters[5]);
            var h = (x.MatMul(w1) + b1).Gelu().Dropout(0.1f, seed: seed + (ulong)step).LayerNorm(gamma, beta);
            var loss = (h.MatMul(w2) + b2).CrossEntropy(targets);
            loss.Backward();
            losses[step] = loss.Item();

            // SGD by hand: p ← p − lr·∇p. Under NoGrad the result has no history, so it is a fresh leaf.
            using (Tensor.NoGrad())
            {
                parameters = parameters.Select(p => p - (p.Grad! * learningRate)).ToArray();
            }
        }

        return (losses, parameters.SelectMany(p => p.ToArray()).ToArray());
    }
}
