namespace Llm.Tokenizers;

/// <summary>
/// One rule of byte-pair encoding: wherever token Left is followed by token Right, they become
/// token Id. A tokenizer's merges are kept in the order they were learned (their rank);
/// encoding applies them in that order.
/// </summary>
public readonly record struct BpeMerge(int Left, int Right, int Id);

/// <summary>
/// One step of BPE training, for printing how the vocabulary grew: the most frequent adjacent pair
/// (Left, Right) — shown as text, with bytes that are not whole UTF-8 characters as \xNN — was seen
/// Count times and became token Id; after merging it the training text is TokenCount tokens long.
/// </summary>
public sealed record BpeTrainingStep(
    int Rank, int Left, int Right, int Id, string LeftText, string RightText, string Text, long Count, long TokenCount)
{
    public override string ToString() =>
        $"merge {Rank + 1}: '{LeftText}' + '{RightText}' -> '{Text}' (id {Id}), seen {Count} times, text now {TokenCount} tokens";
}
