using System.Text.RegularExpressions;
using Llm.Data;

namespace Llm.Tests.Data;

public partial class GermanEnglishTests
{
    /// <summary>Set this environment variable to rewrite data/translation/de-en.tsv from the generator.</summary>
    private const string UpdateVariable = "LLM_UPDATE_DATA";

    private static readonly TranslationSet Set = GermanEnglish.Generate();

    [Fact]
    public void TheArticlesExampleIsInTraining()
    {
        Assert.Contains(new TranslationPair("Wo wohnst du?", "Where do you live?"), Set.Train);
        Assert.Contains(new TranslationPair("Ich trinke Wasser.", "I drink water."), Set.Train);
    }

    [Fact]
    public void HeldOutSentencesNeverOccurInTraining()
    {
        var trainGerman = Set.Train.Select(p => p.German).ToHashSet();
        Assert.NotEmpty(Set.HeldOut);
        Assert.DoesNotContain(Set.HeldOut, p => trainGerman.Contains(p.German));
        Assert.Equal(Set.Train.Length, trainGerman.Count);
    }

    [Fact]
    public void EveryHeldOutWordIsSeenInTraining()
    {
        // Otherwise a held-out error could come from an unknown word, not from poor generalisation.
        var germanWords = Set.Train.SelectMany(p => Words(p.German)).ToHashSet();
        var englishWords = Set.Train.SelectMany(p => Words(p.English)).ToHashSet();
        var unseenGerman = Set.HeldOut.SelectMany(p => Words(p.German)).Except(germanWords).ToArray();
        var unseenEnglish = Set.HeldOut.SelectMany(p => Words(p.English)).Except(englishWords).ToArray();
        Assert.Empty(unseenGerman);
        Assert.Empty(unseenEnglish);
    }

    [Fact]
    public void SizeIsSmallEnoughForACpu()
    {
        var all = Set.Train.Concat(Set.HeldOut).ToArray();
        Assert.InRange(all.Length, 3000, 10000);
        Assert.InRange(all.Select(p => Words(p.German).Length).Max(), 3, 10);
        Assert.InRange(all.SelectMany(p => Words(p.German)).Distinct().Count(), 150, 500);
        Assert.InRange(all.SelectMany(p => Words(p.English)).Distinct().Count(), 150, 500);
    }

    [Theory]
    [InlineData("Er isst einen Apfel.", "He eats an apple.")]
    [InlineData("Ich trinke keinen Kaffee.", "I do not drink coffee.")]
    [InlineData("Wir sehen den Hund nicht.", "We do not see the dog.")]
    [InlineData("Liest sie die Zeitung?", "Does she read the newspaper?")]
    [InlineData("Du arbeitest im Büro.", "You work in the office.")]
    [InlineData("Woher kommt Anna?", "Where does Anna come from?")]
    [InlineData("Ihr lest ein Buch.", "You read a book.")]
    [InlineData("Sie mag keine Katzen.", "She does not like cats.")]
    [InlineData("Arbeitet ihr zu Hause?", "Do you work at home?")]
    [InlineData("Öffnest du die Tür?", "Do you open the door?")]
    [InlineData("Die Kinder sind nicht müde.", "The children are not tired.")]
    [InlineData("Ist das Auto teuer?", "Is the car expensive?")]
    [InlineData("Was hört mein Vater?", "What does my father listen to?")]
    [InlineData("Wie heißt du?", "What is your name?")]
    [InlineData("Er heißt Paul.", "His name is Paul.")]
    [InlineData("Ich besuche Berlin nicht.", "I do not visit Berlin.")]
    public void TemplatesConjugateCorrectly(string german, string english)
    {
        var all = Set.Train.Concat(Set.HeldOut);
        Assert.Equal(english, Assert.Single(all, p => p.German == german).English);
    }

    [Fact]
    public void SameSeedSameSetOtherSeedOtherSplit()
    {
        var again = GermanEnglish.Generate();
        Assert.Equal(Set.Train, again.Train);
        Assert.Equal(Set.HeldOut, again.HeldOut);
        Assert.NotEqual(Set.HeldOut, GermanEnglish.Generate(seed: 99).HeldOut);
    }

    [Fact]
    public void CommittedTsvEqualsTheGenerator()
    {
        var path = Path.Combine(DataPaths.Root, "translation", "de-en.tsv");
        var expected = GermanEnglish.ToTsv(Set);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, expected);
        }

        // Compare with \n line ends, whatever a checkout did to them.
        var committed = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(
            committed == expected,
            $"{path} differs from GermanEnglish.Generate(). If the generator changed on purpose, rewrite the file: " +
            $"{UpdateVariable}=1 dotnet test tests/Llm.Tests --filter {nameof(CommittedTsvEqualsTheGenerator)}");

        var loaded = GermanEnglish.Load();
        Assert.Equal(Set.Train, loaded.Train);
        Assert.Equal(Set.HeldOut, loaded.HeldOut);
    }

    private static string[] Words(string sentence) => WordPattern().Matches(sentence).Select(m => m.Value).ToArray();

    [GeneratedRegex(@"\w+|[^\w\s]")]
    private static partial Regex WordPattern();
}
