using Llm.Data;

namespace Llm.Tests.Data;

public class TokenBatchSamplerTests
{
    // Token i has id i, so a window's position in the text can be read off its ids.
    private static readonly int[] Tokens = Enumerable.Range(0, 50).ToArray();

    [Fact]
    public void TargetsAreInputsShiftedByOne()
    {
        var sampler = new TokenBatchSampler(Tokens, batchSize: 4, blockSize: 8, new Generator(1));
        for (var step = 0; step < 20; step++)
        {
            var batch = sampler.Next();
            Assert.Equal(4 * 8, batch.Inputs.Length);
            Assert.Equal(4 * 8, batch.Targets.Length);
            for (var i = 0; i < batch.Inputs.Length; i++)
            {
                Assert.Equal(batch.Inputs[i] + 1, batch.Targets[i]);
            }

            for (var row = 0; row < 4; row++)
            {
                // Each row is one contiguous window of the text.
                var window = batch.Inputs.AsSpan(row * 8, 8).ToArray();
                Assert.Equal(Enumerable.Range(window[0], 8), window);
            }
        }
    }

    [Fact]
    public void SameSeedGivesSameBatches()
    {
        var a = new TokenBatchSampler(Tokens, 3, 5, new Generator(42));
        var b = new TokenBatchSampler(Tokens, 3, 5, new Generator(42));
        var c = new TokenBatchSampler(Tokens, 3, 5, new Generator(43));
        var fromA = Enumerable.Range(0, 10).SelectMany(_ => a.Next().Inputs).ToArray();
        Assert.Equal(fromA, Enumerable.Range(0, 10).SelectMany(_ => b.Next().Inputs));
        Assert.NotEqual(fromA, Enumerable.Range(0, 10).SelectMany(_ => c.Next().Inputs));
    }

    [Fact]
    public void EveryStartPositionIsReachableAndNoneOverruns()
    {
        var sampler = new TokenBatchSampler(Tokens, 8, 10, new Generator(5));
        var starts = new HashSet<int>();
        for (var step = 0; step < 200; step++)
        {
            var batch = sampler.Next();
            for (var row = 0; row < 8; row++)
            {
                starts.Add(batch.Inputs[row * 10]);
            }

            Assert.True(batch.Targets.Max() <= 49);
        }

        Assert.Equal(Enumerable.Range(0, 40), starts.Order());
    }

    [Fact]
    public void TooShortTextIsRejected() =>
        Assert.Throws<ArgumentException>(() => new TokenBatchSampler([1, 2, 3], 1, 3, new Generator(1)));
}
