namespace Llm.Data;

/// <summary>
/// The bundled Tang-poem corpus: 11,763 quatrains (绝句), four lines of five or seven characters,
/// in simplified characters, one poem per line, e.g. "床前明月光，疑是地上霜。举头望明月，低头思故乡。".
/// Source, licence and how it was built: data/poems/README.md.
/// </summary>
public static class TangPoems
{
    /// <summary>Seed of the standard split, so every notebook validates on the same poems.</summary>
    public const ulong SplitSeed = 618;

    /// <summary>Path of the corpus file.</summary>
    public static string FilePath => DataPaths.File("poems", "tang.txt");

    /// <summary>All poems, in the file's (already shuffled) order.</summary>
    public static string[] Load() =>
        File.ReadAllLines(FilePath).Where(line => line.Length > 0).ToArray();

    /// <summary>
    /// The standard train/validation split of the poems. Splitting whole poems (not the character
    /// stream) keeps any poem from being half in training and half in validation.
    /// </summary>
    public static (string[] Train, string[] Validation) Split(double validationFraction = 0.1) =>
        TrainValidationSplit.Split(Load(), validationFraction, SplitSeed);
}
