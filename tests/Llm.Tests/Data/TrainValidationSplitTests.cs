using Llm.Data;

namespace Llm.Tests.Data;

public class TrainValidationSplitTests
{
    [Fact]
    public void SameSeedSameSplitOtherSeedOtherSplit()
    {
        var items = Enumerable.Range(0, 100).ToArray();
        var a = TrainValidationSplit.Split(items, 0.2, seed: 3);
        var b = TrainValidationSplit.Split(items, 0.2, seed: 3);
        var c = TrainValidationSplit.Split(items, 0.2, seed: 4);
        Assert.Equal(a.Validation, b.Validation);
        Assert.Equal(a.Train, b.Train);
        Assert.NotEqual(a.Validation, c.Validation);
    }

    [Fact]
    public void PartsAreDisjointAndCoverEverything()
    {
        var items = Enumerable.Range(0, 101).ToArray();
        var (train, validation) = TrainValidationSplit.Split(items, 0.1, seed: 1);
        Assert.Equal(10, validation.Length);
        Assert.Equal(91, train.Length);
        Assert.Equal(items, train.Concat(validation).Order());
    }

    [Fact]
    public void RejectsFractionsOutsideZeroToOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainValidationSplit.Split([1, 2, 3], 1.0, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainValidationSplit.Split([1, 2, 3], 0.0, seed: 1));
    }
}
