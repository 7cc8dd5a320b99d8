using System.Text;

namespace Llm.Data;

/// <summary>A German sentence and its English translation.</summary>
public sealed record TranslationPair(string German, string English);

/// <summary>Pairs to train on, and held-out pairs whose German sentences never occur in training.</summary>
public sealed record TranslationSet(TranslationPair[] Train, TranslationPair[] HeldOut);

/// <summary>
/// A German→English data set small enough to train a Transformer on a CPU in minutes: a few thousand
/// short sentences built from templates ("Ich trinke Wasser." = "I drink water.", "Wo wohnst du?" =
/// "Where do you live?") over a vocabulary of a few hundred words. Because it is generated, nothing
/// is downloaded; data/translation/de-en.tsv holds the same pairs so they can be read without code.
/// </summary>
public static class GermanEnglish
{
    /// <summary>Seed of the committed data set.</summary>
    public const ulong DefaultSeed = 15;

    /// <summary>Share of the sentences held out for evaluation.</summary>
    public const double HeldOutFraction = 0.05;

    /// <summary>Pairs the course translates on screen; they are always in the training part.</summary>
    public static readonly TranslationPair[] AlwaysInTraining =
    [
        new("Wo wohnst du?", "Where do you live?"),
        new("Ich trinke Wasser.", "I drink water."),
    ];

    private const string Header = "german\tenglish\tsplit";

    /// <summary>
    /// Every template sentence, shuffled by <paramref name="seed"/>; the first 5 % (except the pinned
    /// pairs) become the held-out part. The same seed always gives the same sets.
    /// </summary>
    public static TranslationSet Generate(ulong seed = DefaultSeed)
    {
        // One translation per German sentence, so held-out German can never appear in training.
        var pairs = GermanSentences.All().DistinctBy(p => p.German).ToArray();
        TrainValidationSplit.Shuffle(pairs, new Generator(seed));

        var heldOutCount = (int)Math.Round(pairs.Length * HeldOutFraction);
        var train = new List<TranslationPair>();
        var heldOut = new List<TranslationPair>();
        foreach (var pair in pairs)
        {
            var goesToHeldOut = heldOut.Count < heldOutCount && !AlwaysInTraining.Contains(pair);
            (goesToHeldOut ? heldOut : train).Add(pair);
        }

        return new TranslationSet([.. train], [.. heldOut]);
    }

    /// <summary>Reads the committed data/translation/de-en.tsv.</summary>
    public static TranslationSet Load() => FromTsv(File.ReadAllText(DataPaths.File("translation", "de-en.tsv")));

    /// <summary>Tab-separated text: a header, then one "german, english, split" line per pair.</summary>
    public static string ToTsv(TranslationSet set)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (pairs, split) in new[] { (set.Train, "train"), (set.HeldOut, "heldout") })
        {
            foreach (var pair in pairs)
            {
                text.Append(pair.German).Append('\t').Append(pair.English).Append('\t').Append(split).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Parses the text written by <see cref="ToTsv"/>.</summary>
    public static TranslationSet FromTsv(string tsv)
    {
        var lines = tsv.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new FormatException($"Expected the header line '{Header.Replace("\t", "<tab>", StringComparison.Ordinal)}'.");
        }

        var train = new List<TranslationPair>();
        var heldOut = new List<TranslationPair>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split('\t');
            var pair = fields.Length == 3 ? new TranslationPair(fields[0], fields[1]) : throw new FormatException($"Expected 3 tab-separated fields: '{line}'.");
            (fields[2] switch
            {
                "train" => train,
                "heldout" => heldOut,
                _ => throw new FormatException($"Unknown split '{fields[2]}' in '{line}'."),
            }).Add(pair);
        }

        return new TranslationSet([.. train], [.. heldOut]);
    }
}
