using Llm.Recipes;

namespace Llm.Tests.Recipes;

public class PoemTrainFractionTests
{
    private static readonly PoemOptions Tiny = new PoemOptions { Model = new() { Layers = 1, Heads = 1, Embd = 8, BlockSize = 8 }, BatchSize = 2 }.WithSteps(1);

    [Fact]
    public void AFractionTrainsOnFewerPoemsButKeepsVocabularyAndValidation()
    {
        var all = new PoemGpt(Tiny);
        var quarter = new PoemGpt(Tiny with { TrainFraction = 0.25 });

        Assert.InRange(quarter.TrainTokenCount, all.TrainTokenCount / 5, all.TrainTokenCount / 3);
        Assert.Equal(all.Tokenizer.VocabSize, quarter.Tokenizer.VocabSize);
        // Same vocabulary and seed give the same untrained weights, so the same validation batches give the same loss.
        Assert.Equal(all.ValidationLoss(1), quarter.ValidationLoss(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void AFractionOutsideZeroToOneIsRejected(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PoemGpt(Tiny with { TrainFraction = fraction }));
        Assert.Contains("above 0 and at most 1", error.Message);
    }
}
