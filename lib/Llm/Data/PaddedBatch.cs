namespace Llm.Data;

/// <summary>
/// A batch of translation pairs for an encoder–decoder Transformer. Sentences have different
/// lengths, but a batch is a rectangle, so short ones are filled up with a padding id and masks say
/// which positions are real. All arrays are flattened row after row.
/// <list type="bullet">
/// <item><see cref="SourceIds"/> [B, S]: the source sentence, then padding.</item>
/// <item><see cref="TargetInputs"/> [B, T]: BOS, then the target sentence, then padding — what the
/// decoder reads ("teacher forcing": it always sees the correct previous words).</item>
/// <item><see cref="TargetOutputs"/> [B, T]: the target sentence, then EOS, then
/// <see cref="IgnoreIndex"/> — what the decoder must predict at each position; the loss skips −100.</item>
/// <item><see cref="SourcePaddingMask"/> [B, S]: 1 where the source is padding, 0 where it is a real
/// token, so attention can hide the padding (reshape to [B, 1, 1, S]).</item>
/// </list>
/// The decoder needs no padding mask of its own: with the causal mask a real target position only
/// looks at earlier positions, which are never padding.
/// </summary>
public sealed record PaddedBatch(
    int[] SourceIds,
    int[] TargetInputs,
    int[] TargetOutputs,
    float[] SourcePaddingMask,
    int BatchSize,
    int SourceLength,
    int TargetLength)
{
    /// <summary>Target value the cross-entropy loss ignores (its default ignore index).</summary>
    public const int IgnoreIndex = -100;

    /// <summary>
    /// Builds a batch from already-encoded sentences (no BOS or EOS in them). S is the longest
    /// source; T is the longest target plus one, for the BOS in front and the EOS at the end.
    /// </summary>
    public static PaddedBatch Create(IReadOnlyList<int[]> sources, IReadOnlyList<int[]> targets, int bosId, int eosId, int padId)
    {
        if (sources.Count != targets.Count || sources.Count == 0)
        {
            throw new ArgumentException($"Need the same, non-zero number of sources and targets; got {sources.Count} and {targets.Count}.");
        }

        var b = sources.Count;
        var s = sources.Max(x => x.Length);
        var t = targets.Max(x => x.Length) + 1;
        if (s == 0)
        {
            throw new ArgumentException("Every source sentence is empty.", nameof(sources));
        }

        var sourceIds = new int[b * s];
        var mask = new float[b * s];
        var targetInputs = new int[b * t];
        var targetOutputs = new int[b * t];
        Array.Fill(sourceIds, padId);
        Array.Fill(mask, 1f);
        Array.Fill(targetInputs, padId);
        Array.Fill(targetOutputs, IgnoreIndex);

        for (var row = 0; row < b; row++)
        {
            var source = sources[row];
            source.CopyTo(sourceIds, row * s);
            Array.Fill(mask, 0f, row * s, source.Length);

            var target = targets[row];
            targetInputs[row * t] = bosId;
            target.CopyTo(targetInputs, (row * t) + 1);
            target.CopyTo(targetOutputs, row * t);
            targetOutputs[(row * t) + target.Length] = eosId;
        }

        return new PaddedBatch(sourceIds, targetInputs, targetOutputs, mask, b, s, t);
    }
}
