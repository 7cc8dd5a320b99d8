namespace Llm.Nn;

/// <summary>
/// Dropout as a module: active in training, the identity in evaluation. Each call draws a new
/// mask from a seeded sequence, so a run with the same seed drops the same elements.
/// </summary>
public sealed class Dropout(float p, ulong seed = 0) : Module
{
    private ulong calls;

    public float P { get; } = p;

    /// <summary>How many masks have been drawn (saved in checkpoints so a resumed run draws the same ones).</summary>
    public ulong Calls
    {
        get => calls;
        set => calls = value;
    }

    /// <summary>Whether Forward drops anything: in training, with p above 0.</summary>
    public bool Active => Training && P > 0f;

    public Tensor Forward(Tensor x) => Active ? x.Dropout(P, NextSeed()) : x;

    /// <summary>
    /// For an op that drops inside its own kernel (the fused attention): the probability and the seed
    /// of the mask Forward would draw next, counted as a call; (0, 0) when not active.
    /// </summary>
    public (float P, ulong Seed) Draw() => Active ? (P, NextSeed()) : (0f, 0);

    private ulong NextSeed() => Generator.Hash(seed, calls++);
}
