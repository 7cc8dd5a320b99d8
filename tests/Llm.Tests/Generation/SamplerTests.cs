using Llm.Generation;

namespace Llm.Tests.Generation;

public class SamplerTests
{
    private static readonly float[] Logits = [2f, 1f, 0.5f, -1f, 3f];

    [Fact]
    public void GreedyPicksTheLargestLogit() => Assert.Equal(4, Sampler.Sample(Logits, SamplingOptions.Greedy, new Generator(1)));

    [Fact]
    public void ProbabilitiesAreASoftmax()
    {
        var p = Sampler.Probabilities(Logits);
        Assert.Equal(1.0, p.Sum(), 5);
        var expected = Math.Exp(3) / Logits.Sum(l => Math.Exp(l));
        Assert.Equal(expected, p[4], 5);
    }

    [Fact]
    public void TopKOnlyDrawsTheKMostLikely()
    {
        var g = new Generator(3);
        var seen = Enumerable.Range(0, 500).Select(_ => Sampler.Sample(Logits, new SamplingOptions { TopK = 2 }, g)).ToHashSet();
        Assert.Equal(new HashSet<int> { 0, 4 }, seen);
    }

    [Fact]
    public void TopPKeepsTheSmallestNucleus()
    {
        // Sorted probabilities: 3 → 0.61, 2 → 0.22, 1 → 0.08, …: the nucleus for p = 0.8 is {4, 0}.
        var g = new Generator(4);
        var seen = Enumerable.Range(0, 500).Select(_ => Sampler.Sample(Logits, new SamplingOptions { TopP = 0.8f }, g)).ToHashSet();
        Assert.Equal(new HashSet<int> { 0, 4 }, seen);
    }

    [Fact]
    public void SamplingFollowsTheProbabilities()
    {
        var g = new Generator(9);
        var counts = new int[Logits.Length];
        const int draws = 20_000;
        for (var i = 0; i < draws; i++)
        {
            counts[Sampler.Sample(Logits, new SamplingOptions(), g)]++;
        }

        var p = Sampler.Probabilities(Logits);
        for (var i = 0; i < p.Length; i++)
        {
            // Binomial standard deviation √(n·p·(1−p)); 5 of them leaves no room for flakiness with a fixed seed.
            var sd = Math.Sqrt(draws * p[i] * (1 - p[i]));
            Assert.InRange(counts[i], (draws * p[i]) - (5 * sd), (draws * p[i]) + (5 * sd));
        }
    }
}
