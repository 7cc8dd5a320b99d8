namespace Llm.Data;

/// <summary>Grammatical person, in the order German conjugation tables list it.</summary>
internal enum Person
{
    I,
    YouOne,
    HeSheIt,
    We,
    YouAll,
    They,
}

internal enum Gender
{
    Masculine,
    Feminine,
    Neuter,
    Plural,
}

/// <summary>Which word goes in front of a noun: none ("Wasser"), ein, der, mein; a name takes none either.</summary>
internal enum Determiner
{
    None,
    A,
    The,
    My,
    Name,
}

/// <summary>A sentence subject in the nominative, e.g. ("mein Vater", "my father", HeSheIt).</summary>
internal sealed record Subject(string German, string English, Person Person);

/// <summary>
/// A verb: its six German present-tense forms (ich, du, er/sie/es, wir, ihr, sie) and its English
/// base form; English only changes for he/she/it ("drink" → "drinks").
/// </summary>
internal sealed record Verb(string[] German, string English)
{
    /// <summary>A regular German verb from its infinitive, e.g. "wohnen" → wohne, wohnst, wohnt, …</summary>
    public static Verb Regular(string infinitive, string english)
    {
        var stem = infinitive[..^2];
        // "arbeiten", "öffnen": an extra e avoids the unsayable "du arbeitst", "er öffnt".
        var linkingE = stem.EndsWith('t') || stem.EndsWith('d') || stem.EndsWith("ffn", StringComparison.Ordinal) ? "e" : "";
        // "heißen", "tanzen": du heißt, not "heißst".
        var duEnding = stem[^1] is 's' or 'ß' or 'z' or 'x' ? "t" : "st";
        return new Verb(
            [stem + "e", stem + linkingE + duEnding, stem + linkingE + "t", infinitive, stem + linkingE + "t", infinitive],
            english);
    }

    /// <summary>An irregular verb from its six forms, e.g. "esse isst isst essen esst essen".</summary>
    public static Verb Irregular(string forms, string english) => new(forms.Split(' '), english);

    public string GermanFor(Person person) => German[(int)person];

    /// <summary>"drink" or "drinks"; for a phrase like "listen to" only the first word changes.</summary>
    public string EnglishFor(Person person) => person == Person.HeSheIt ? Grammar.ThirdPerson(English) : English;
}

/// <summary>A noun with its gender, e.g. ("Hund", Masculine, "dog").</summary>
internal sealed record Noun(string German, Gender Gender, string English);

/// <summary>
/// A noun phrase used as an object (accusative case): a noun and its determiner. The English may be
/// given when it does not follow the German ("Gitarre spielen" = "play the guitar").
/// </summary>
internal sealed record NounPhrase(Noun Noun, Determiner Determiner, string? EnglishOverride = null)
{
    /// <summary>"den Hund", "eine Katze", "meinen Freund", "Wasser".</summary>
    public string GermanAccusative => Prefix(Determiner switch
    {
        Determiner.A => Grammar.Ending("ein", Noun.Gender),
        Determiner.The => Noun.Gender switch { Gender.Masculine => "den", Gender.Neuter => "das", _ => "die" },
        Determiner.My => Grammar.Ending("mein", Noun.Gender),
        _ => "",
    });

    /// <summary>"der Hund", "die Lampe", "das Haus", "die Blumen".</summary>
    public string GermanNominative => Prefix(Determiner switch
    {
        Determiner.The => Noun.Gender switch { Gender.Masculine => "der", Gender.Neuter => "das", _ => "die" },
        _ => throw new NotSupportedException("Only definite nominatives are used."),
    });

    /// <summary>
    /// A noun without an article or with "ein" is negated with "kein" ("keinen Kaffee", "keine
    /// Katze"); a definite one keeps its article and takes "nicht" at the end of the sentence.
    /// </summary>
    public bool NegatesWithKein => Determiner is Determiner.None or Determiner.A;

    /// <summary>"keinen Kaffee", "keine Katze", "kein Auto".</summary>
    public string GermanKein => $"{Grammar.Ending("kein", Noun.Gender)} {Noun.German}";

    /// <summary>"the dog", "a cat", "an apple", "my friend", "water".</summary>
    public string English => EnglishOverride ?? Determiner switch
    {
        Determiner.A => $"{Grammar.IndefiniteArticle(Noun.English)} {Noun.English}",
        Determiner.The => $"the {Noun.English}",
        Determiner.My => $"my {Noun.English}",
        _ => Noun.English,
    };

    public bool IsPlural => Noun.Gender == Gender.Plural;

    private string Prefix(string article) => article.Length == 0 ? Noun.German : $"{article} {Noun.German}";
}

/// <summary>A place phrase, e.g. ("in der Stadt", "in the city") or ("nach Hause", "home").</summary>
internal sealed record Place(string German, string English);

/// <summary>A predicate after "to be", e.g. ("müde", "tired") or ("zu Hause", "at home").</summary>
internal sealed record Predicate(string German, string English);

internal static class Grammar
{
    /// <summary>Accusative endings of ein / kein / mein: einen (m), eine (f), ein (n), eine (pl).</summary>
    public static string Ending(string word, Gender gender) => gender switch
    {
        Gender.Masculine => word + "en",
        Gender.Neuter => word,
        _ => word + "e",
    };

    public static string IndefiniteArticle(string englishNoun) => "aeiou".Contains(englishNoun[0]) ? "an" : "a";

    /// <summary>"drink" → "drinks", "watch" → "watches", "have" → "has"; a phrase changes its first word.</summary>
    public static string ThirdPerson(string english)
    {
        var space = english.IndexOf(' ');
        var (verb, rest) = space < 0 ? (english, "") : (english[..space], english[space..]);
        var third = verb switch
        {
            "have" => "has",
            _ when verb.EndsWith('s') || verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith("ch", StringComparison.Ordinal)
                   || verb.EndsWith('x') || verb.EndsWith('o') => verb + "es",
            _ when verb.EndsWith('y') && !"aeiou".Contains(verb[^2]) => verb[..^1] + "ies",
            _ => verb + "s",
        };
        return third + rest;
    }

    /// <summary>English "do" or "does" for questions and negations.</summary>
    public static string Do(Person person) => person == Person.HeSheIt ? "does" : "do";

    /// <summary>German "sein" (to be) in each person.</summary>
    public static readonly Verb Sein = Verb.Irregular("bin bist ist sind seid sind", "be");

    /// <summary>English "to be" in each person.</summary>
    public static string EnglishBe(Person person) => person switch
    {
        Person.I => "am",
        Person.HeSheIt => "is",
        _ => "are",
    };

    /// <summary>Upper-cases the first letter: every sentence starts with a capital.</summary>
    public static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
