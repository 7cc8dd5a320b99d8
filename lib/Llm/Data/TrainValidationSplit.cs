namespace Llm.Data;

/// <summary>
/// Splits examples into a training part and a validation part. The validation part is never
/// trained on, so its loss tells whether the model learned something general or memorised.
/// </summary>
public static class TrainValidationSplit
{
    /// <summary>
    /// Shuffles a copy of <paramref name="items"/> with a seeded <see cref="Generator"/> and puts the
    /// last <paramref name="validationFraction"/> of it (rounded, at least one item) into validation.
    /// The same items, fraction and seed always give the same split.
    /// </summary>
    public static (T[] Train, T[] Validation) Split<T>(IReadOnlyList<T> items, double validationFraction, ulong seed)
    {
        if (validationFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "Must be between 0 and 1 (exclusive).");
        }

        if (items.Count < 2)
        {
            throw new ArgumentException("Need at least two items to split.", nameof(items));
        }

        var shuffled = items.ToArray();
        Shuffle(shuffled, new Generator(seed));
        var validationCount = Math.Clamp((int)Math.Round(items.Count * validationFraction), 1, items.Count - 1);
        var trainCount = items.Count - validationCount;
        return (shuffled[..trainCount], shuffled[trainCount..]);
    }

    /// <summary>Fisher–Yates shuffle in place: every order is equally likely.</summary>
    public static void Shuffle<T>(T[] items, Generator generator)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = generator.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
