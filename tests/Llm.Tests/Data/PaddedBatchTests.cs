using Llm.Data;

namespace Llm.Tests.Data;

public class PaddedBatchTests
{
    private const int Pad = 0;
    private const int Bos = 1;
    private const int Eos = 2;

    [Fact]
    public void ShapesFollowTheLongestSentences()
    {
        var batch = PaddedBatch.Create([[10, 11, 12], [13]], [[20, 21], [22, 23, 24, 25]], Bos, Eos, Pad);
        Assert.Equal((2, 3, 5), (batch.BatchSize, batch.SourceLength, batch.TargetLength));
        Assert.Equal(2 * 3, batch.SourceIds.Length);
        Assert.Equal(2 * 3, batch.SourcePaddingMask.Length);
        Assert.Equal(2 * 5, batch.TargetInputs.Length);
        Assert.Equal(2 * 5, batch.TargetOutputs.Length);
    }

    [Fact]
    public void PaddingMasksAndShiftedTargets()
    {
        var batch = PaddedBatch.Create([[10, 11, 12], [13]], [[20, 21], [22, 23, 24, 25]], Bos, Eos, Pad);

        Assert.Equal(new[] { 10, 11, 12, 13, Pad, Pad }, batch.SourceIds);
        Assert.Equal(new[] { 0f, 0f, 0f, 0f, 1f, 1f }, batch.SourcePaddingMask);

        // The decoder reads BOS + target and must predict target + EOS; padding is ignored by the loss.
        Assert.Equal(new[] { Bos, 20, 21, Pad, Pad, Bos, 22, 23, 24, 25 }, batch.TargetInputs);
        Assert.Equal(new[] { 20, 21, Eos, -100, -100, 22, 23, 24, 25, Eos }, batch.TargetOutputs);
        Assert.Equal(-100, PaddedBatch.IgnoreIndex);
    }

    [Fact]
    public void MismatchedCountsAreRejected() =>
        Assert.Throws<ArgumentException>(() => PaddedBatch.Create([[1]], [[1], [2]], Bos, Eos, Pad));
}
