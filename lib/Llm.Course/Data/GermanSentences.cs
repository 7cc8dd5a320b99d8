using static Llm.Data.Grammar;

namespace Llm.Data;

/// <summary>
/// Sentence templates: each combines the words of <see cref="GermanWords"/> into every German
/// sentence of one shape, with its English translation. German puts the verb second in a statement
/// and first in a yes/no question; English adds "do"/"does" to questions and negations instead.
/// </summary>
internal static class GermanSentences
{
    /// <summary>Every pair of every template, in a fixed order.</summary>
    public static IEnumerable<TranslationPair> All() =>
        Objects().Concat(WhatQuestions()).Concat(Places()).Concat(PlaceQuestions())
            .Concat(PeopleAre()).Concat(ThingsAre()).Concat(Names());

    /// <summary>"Ich trinke Wasser." / "Ich trinke kein Wasser." / "Trinkst du Wasser?"</summary>
    private static IEnumerable<TranslationPair> Objects()
    {
        foreach (var (verb, objects) in GermanWords.VerbsWithObjects)
        {
            foreach (var o in objects)
            {
                foreach (var s in GermanWords.Subjects)
                {
                    var de = verb.GermanFor(s.Person);
                    yield return Pair($"{s.German} {de} {o.GermanAccusative}.", $"{s.English} {verb.EnglishFor(s.Person)} {o.English}.");
                    var negated = o.NegatesWithKein ? $"{s.German} {de} {o.GermanKein}." : $"{s.German} {de} {o.GermanAccusative} nicht.";
                    yield return Pair(negated, $"{s.English} {Do(s.Person)} not {verb.English} {o.English}.");
                    yield return Pair($"{de} {s.German} {o.GermanAccusative}?", $"{Do(s.Person)} {s.English} {verb.English} {o.English}?");
                }
            }
        }
    }

    /// <summary>"Was trinkst du?" = "What do you drink?"</summary>
    private static IEnumerable<TranslationPair> WhatQuestions()
    {
        foreach (var (verb, _) in GermanWords.VerbsWithObjects.Where(v => GermanWords.AskWhatFor.Contains(v.Verb.English)))
        {
            foreach (var s in GermanWords.Subjects)
            {
                yield return Pair($"Was {verb.GermanFor(s.Person)} {s.German}?", $"What {Do(s.Person)} {s.English} {verb.English}?");
            }
        }
    }

    /// <summary>"Ich wohne in Berlin." / "Ich wohne nicht in Berlin." / "Wohnst du in Berlin?"</summary>
    private static IEnumerable<TranslationPair> Places()
    {
        foreach (var (verb, _, _, places) in GermanWords.VerbsWithPlaces)
        {
            foreach (var p in places)
            {
                foreach (var s in GermanWords.Subjects)
                {
                    var de = verb.GermanFor(s.Person);
                    yield return Pair($"{s.German} {de} {p.German}.", $"{s.English} {verb.EnglishFor(s.Person)} {p.English}.");
                    yield return Pair($"{s.German} {de} nicht {p.German}.", $"{s.English} {Do(s.Person)} not {verb.English} {p.English}.");
                    yield return Pair($"{de} {s.German} {p.German}?", $"{Do(s.Person)} {s.English} {verb.English} {p.English}?");
                }
            }
        }
    }

    /// <summary>"Wo wohnst du?" = "Where do you live?"; "Woher kommst du?" = "Where do you come from?"</summary>
    private static IEnumerable<TranslationPair> PlaceQuestions()
    {
        foreach (var (verb, ask, englishAsk, _) in GermanWords.VerbsWithPlaces)
        {
            // "come" asks for the origin, so English ends with "from".
            var tail = ask == "Woher" ? " from" : "";
            foreach (var s in GermanWords.Subjects)
            {
                yield return Pair($"{ask} {verb.GermanFor(s.Person)} {s.German}?", $"{englishAsk} {Do(s.Person)} {s.English} {verb.English}{tail}?");
            }
        }
    }

    /// <summary>"Ich bin müde." / "Ich bin nicht müde." / "Bist du müde?"</summary>
    private static IEnumerable<TranslationPair> PeopleAre()
    {
        foreach (var p in GermanWords.PeoplePredicates)
        {
            foreach (var s in GermanWords.Subjects)
            {
                var de = Sein.GermanFor(s.Person);
                var en = EnglishBe(s.Person);
                yield return Pair($"{s.German} {de} {p.German}.", $"{s.English} {en} {p.English}.");
                yield return Pair($"{s.German} {de} nicht {p.German}.", $"{s.English} {en} not {p.English}.");
                yield return Pair($"{de} {s.German} {p.German}?", $"{en} {s.English} {p.English}?");
            }
        }
    }

    /// <summary>"Das Haus ist groß." / "Das Haus ist nicht groß." / "Ist das Haus groß?"</summary>
    private static IEnumerable<TranslationPair> ThingsAre()
    {
        foreach (var p in GermanWords.ThingPredicates)
        {
            foreach (var t in GermanWords.Things)
            {
                var person = t.IsPlural ? Person.They : Person.HeSheIt;
                var de = Sein.GermanFor(person);
                var en = EnglishBe(person);
                yield return Pair($"{t.GermanNominative} {de} {p.German}.", $"{t.English} {en} {p.English}.");
                yield return Pair($"{t.GermanNominative} {de} nicht {p.German}.", $"{t.English} {en} not {p.English}.");
                yield return Pair($"{de} {t.GermanNominative} {p.German}?", $"{en} {t.English} {p.English}?");
            }
        }
    }

    /// <summary>"Ich heiße Anna." = "My name is Anna."; "Wie heißt du?" = "What is your name?"</summary>
    private static IEnumerable<TranslationPair> Names()
    {
        var heissen = Verb.Regular("heißen", "be called");
        string[] everyone = [.. GermanWords.FemaleNames, .. GermanWords.MaleNames];
        // English says whose name it is; "er" only gets boys' names and "sie" only girls'.
        (Subject Subject, string Possessive, string[] Names)[] singular =
        [
            (GermanWords.Pronouns[0], "my", everyone),
            (GermanWords.Pronouns[1], "your", everyone),
            (GermanWords.Pronouns[2], "his", GermanWords.MaleNames),
            (GermanWords.Pronouns[3], "her", GermanWords.FemaleNames),
        ];
        foreach (var (s, possessive, names) in singular)
        {
            foreach (var name in names)
            {
                yield return Pair($"{s.German} {heissen.GermanFor(s.Person)} {name}.", $"{possessive} name is {name}.");
            }

            yield return Pair($"Wie {heissen.GermanFor(s.Person)} {s.German}?", $"What is {possessive} name?");
        }
    }

    private static TranslationPair Pair(string german, string english) => new(Capitalize(german), Capitalize(english));
}
