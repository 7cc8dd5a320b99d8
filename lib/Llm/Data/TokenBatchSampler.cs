namespace Llm.Data;

/// <summary>
/// A batch for next-token prediction: <see cref="BatchSize"/> windows of <see cref="BlockSize"/>
/// token ids, laid out row after row ([B, T] flattened). <see cref="Targets"/> is the same text moved
/// one token to the right, so Targets[i] is the token that follows Inputs[i].
/// </summary>
public sealed record TokenBatch(int[] Inputs, int[] Targets, int BatchSize, int BlockSize);

/// <summary>
/// Draws random training windows from one long array of token ids (a whole corpus, encoded).
/// Each window starts at a random position, so over many steps the model sees every part of the
/// text in every position of its context. Seeded, so a run can be repeated exactly.
/// </summary>
public sealed class TokenBatchSampler
{
    private readonly int[] tokens;
    private readonly Generator generator;

    public TokenBatchSampler(int[] tokens, int batchSize, int blockSize, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        if (tokens.Length < blockSize + 1)
        {
            throw new ArgumentException(
                $"Need at least blockSize + 1 = {blockSize + 1} tokens (a window and the token after it); got {tokens.Length}.",
                nameof(tokens));
        }

        this.tokens = tokens;
        this.generator = generator;
        BatchSize = batchSize;
        BlockSize = blockSize;
    }

    public int BatchSize { get; }

    public int BlockSize { get; }

    /// <summary>The next random batch: inputs [B·T] and the targets shifted by one.</summary>
    public TokenBatch Next()
    {
        var (b, t) = (BatchSize, BlockSize);
        var inputs = new int[b * t];
        var targets = new int[b * t];
        for (var row = 0; row < b; row++)
        {
            // The last usable start leaves room for the target after the window's last token.
            var start = generator.NextInt(tokens.Length - t);
            Array.Copy(tokens, start, inputs, row * t, t);
            Array.Copy(tokens, start + 1, targets, row * t, t);
        }

        return new TokenBatch(inputs, targets, b, t);
    }
}
