namespace Llm.Data;

/// <summary>
/// The words of the German→English set: a small, everyday vocabulary, chosen so that every
/// combination the templates make is a correct (if sometimes plain) sentence in both languages.
/// </summary>
internal static class GermanWords
{
    public static readonly Subject[] Pronouns =
    [
        new("ich", "I", Person.I),
        new("du", "you", Person.YouOne),
        new("er", "he", Person.HeSheIt),
        new("sie", "she", Person.HeSheIt),
        new("wir", "we", Person.We),
        new("ihr", "you", Person.YouAll),
        new("sie", "they", Person.They),
    ];

    public static readonly Subject[] People =
    [
        new("Anna", "Anna", Person.HeSheIt),
        new("Paul", "Paul", Person.HeSheIt),
        new("mein Vater", "my father", Person.HeSheIt),
        new("meine Mutter", "my mother", Person.HeSheIt),
        new("mein Bruder", "my brother", Person.HeSheIt),
        new("meine Schwester", "my sister", Person.HeSheIt),
        new("das Kind", "the child", Person.HeSheIt),
        new("die Kinder", "the children", Person.They),
        new("meine Freunde", "my friends", Person.They),
    ];

    public static readonly Subject[] Subjects = [.. Pronouns, .. People];

    // Nouns, grouped loosely by topic.
    private static readonly Noun Water = new("Wasser", Gender.Neuter, "water");
    private static readonly Noun Coffee = new("Kaffee", Gender.Masculine, "coffee");
    private static readonly Noun Tea = new("Tee", Gender.Masculine, "tea");
    private static readonly Noun Milk = new("Milch", Gender.Feminine, "milk");
    private static readonly Noun Bread = new("Brot", Gender.Neuter, "bread");
    private static readonly Noun Rice = new("Reis", Gender.Masculine, "rice");
    private static readonly Noun Soup = new("Suppe", Gender.Feminine, "soup");
    private static readonly Noun Fish = new("Fisch", Gender.Masculine, "fish");
    private static readonly Noun Book = new("Buch", Gender.Neuter, "book");
    private static readonly Noun Letter = new("Brief", Gender.Masculine, "letter");
    private static readonly Noun Poem = new("Gedicht", Gender.Neuter, "poem");
    private static readonly Noun Dog = new("Hund", Gender.Masculine, "dog");
    private static readonly Noun Cat = new("Katze", Gender.Feminine, "cat");
    private static readonly Noun House = new("Haus", Gender.Neuter, "house");
    private static readonly Noun Car = new("Auto", Gender.Neuter, "car");
    private static readonly Noun Bicycle = new("Fahrrad", Gender.Neuter, "bicycle");
    private static readonly Noun Table = new("Tisch", Gender.Masculine, "table");
    private static readonly Noun Lamp = new("Lampe", Gender.Feminine, "lamp");
    private static readonly Noun Time = new("Zeit", Gender.Feminine, "time");
    private static readonly Noun Music = new("Musik", Gender.Feminine, "music");
    private static readonly Noun Teacher = new("Lehrer", Gender.Masculine, "teacher");
    private static readonly Noun German = new("Deutsch", Gender.Neuter, "German");

    private static NounPhrase Bare(Noun n, string? english = null) => new(n, Determiner.None, english);

    private static NounPhrase A(Noun n) => new(n, Determiner.A);

    private static NounPhrase The(Noun n) => new(n, Determiner.The);

    private static NounPhrase My(Noun n) => new(n, Determiner.My);

    private static Noun N(string german, Gender gender, string english) => new(german, gender, english);

    /// <summary>Transitive verbs, each with the objects that make sense for it.</summary>
    public static readonly (Verb Verb, NounPhrase[] Objects)[] VerbsWithObjects =
    [
        (Verb.Regular("trinken", "drink"),
            [Bare(Water), Bare(Coffee), Bare(Tea), Bare(Milk), Bare(N("Saft", Gender.Masculine, "juice")), Bare(N("Bier", Gender.Neuter, "beer"))]),
        (Verb.Irregular("esse isst isst essen esst essen", "eat"),
            [Bare(Bread), Bare(Rice), Bare(Soup), Bare(Fish), Bare(N("Käse", Gender.Masculine, "cheese")),
             A(N("Apfel", Gender.Masculine, "apple")), A(N("Banane", Gender.Feminine, "banana"))]),
        (Verb.Irregular("lese liest liest lesen lest lesen", "read"),
            [A(Book), The(Book), The(N("Zeitung", Gender.Feminine, "newspaper")), A(Letter), The(Poem)]),
        (Verb.Regular("schreiben", "write"),
            [A(Letter), A(Book), A(Poem), A(N("Nachricht", Gender.Feminine, "message"))]),
        (Verb.Irregular("sehe siehst sieht sehen seht sehen", "see"),
            [The(Dog), The(Cat), The(House), The(N("Mann", Gender.Masculine, "man")), The(N("Frau", Gender.Feminine, "woman")),
             The(N("Kind", Gender.Neuter, "child")), A(N("Vogel", Gender.Masculine, "bird")), The(N("Kinder", Gender.Plural, "children"))]),
        (Verb.Irregular("habe hast hat haben habt haben", "have"),
            [A(Dog), A(Cat), A(Car), A(House), A(N("Bruder", Gender.Masculine, "brother")),
             A(N("Schwester", Gender.Feminine, "sister")), Bare(Time), A(Bicycle)]),
        (Verb.Regular("kaufen", "buy"),
            [A(Car), Bare(Bread), A(Table), A(Lamp), Bare(N("Blumen", Gender.Plural, "flowers")), A(Bicycle), Bare(Milk)]),
        (Verb.Irregular("mag magst mag mögen mögt mögen", "like"),
            [Bare(Coffee), Bare(Tea), Bare(Music), Bare(N("Katzen", Gender.Plural, "cats")), Bare(N("Hunde", Gender.Plural, "dogs")),
             Bare(N("Schokolade", Gender.Feminine, "chocolate")), Bare(N("Fußball", Gender.Masculine, "football"))]),
        (Verb.Regular("spielen", "play"),
            [Bare(N("Fußball", Gender.Masculine, "football")), Bare(N("Tennis", Gender.Neuter, "tennis")), Bare(N("Schach", Gender.Neuter, "chess")),
             Bare(N("Gitarre", Gender.Feminine, "guitar"), "the guitar"), Bare(N("Klavier", Gender.Neuter, "piano"), "the piano")]),
        (Verb.Regular("lernen", "learn"),
            [Bare(German), Bare(N("Englisch", Gender.Neuter, "English")), Bare(N("Chinesisch", Gender.Neuter, "Chinese")),
             Bare(N("Mathe", Gender.Feminine, "math")), Bare(Music)]),
        (Verb.Regular("brauchen", "need"),
            [Bare(N("Hilfe", Gender.Feminine, "help")), Bare(N("Geld", Gender.Neuter, "money")), Bare(Time), Bare(Water),
             A(N("Stift", Gender.Masculine, "pen")), A(Car)]),
        (Verb.Regular("hören", "listen to"),
            [Bare(Music), Bare(N("Radio", Gender.Neuter, "radio"), "the radio"), Bare(N("Nachrichten", Gender.Plural, "news"), "the news")]),
        (Verb.Regular("kochen", "cook"),
            [Bare(Soup), Bare(Rice), Bare(N("Nudeln", Gender.Plural, "pasta")), Bare(Fish), new(N("Abendessen", Gender.Neuter, "dinner"), Determiner.The, "dinner")]),
        (Verb.Regular("öffnen", "open"),
            [The(N("Tür", Gender.Feminine, "door")), The(N("Fenster", Gender.Neuter, "window")), The(N("Flasche", Gender.Feminine, "bottle")), The(Letter)]),
        (Verb.Regular("besuchen", "visit"),
            [The(Teacher), My(N("Freund", Gender.Masculine, "friend")), My(N("Großmutter", Gender.Feminine, "grandmother")),
             The(N("Museum", Gender.Neuter, "museum")), new(N("Berlin", Gender.Neuter, "Berlin"), Determiner.Name)]),
        (Verb.Irregular("verstehe verstehst versteht verstehen versteht verstehen", "understand"),
            [The(N("Frage", Gender.Feminine, "question")), The(N("Problem", Gender.Neuter, "problem")), The(Teacher), Bare(German)]),
    ];

    /// <summary>Verbs whose "Was …?" question reads naturally ("Was trinkst du?" = "What do you drink?").</summary>
    public static readonly string[] AskWhatFor = ["drink", "eat", "read", "write", "see", "buy", "like", "play", "learn", "need", "listen to", "cook"];

    private static readonly Place Berlin = new("in Berlin", "in Berlin");
    private static readonly Place InTheCity = new("in der Stadt", "in the city");
    private static readonly Place AtHome = new("zu Hause", "at home");
    private static readonly Place Home = new("nach Hause", "home");
    private static readonly Place InTheGarden = new("im Garten", "in the garden");

    /// <summary>Verbs of place, their place phrases, and the question word that asks for the place.</summary>
    public static readonly (Verb Verb, string Ask, string EnglishAsk, Place[] Places)[] VerbsWithPlaces =
    [
        (Verb.Regular("wohnen", "live"), "Wo", "Where", [Berlin, new("in Hamburg", "in Hamburg"), new("in Wien", "in Vienna"),
            new("in München", "in Munich"), InTheCity, new("auf dem Land", "in the country"), new("in einem Haus", "in a house"), new("in einer Wohnung", "in an apartment")]),
        (Verb.Regular("arbeiten", "work"), "Wo", "Where", [Berlin, InTheCity, AtHome, new("im Büro", "in the office"), new("in einem Restaurant", "in a restaurant"),
            new("im Krankenhaus", "in the hospital"), new("in der Bibliothek", "in the library"), InTheGarden]),
        (Verb.Irregular("schlafe schläfst schläft schlafen schlaft schlafen", "sleep"), "Wo", "Where", [AtHome, new("im Hotel", "in the hotel"), InTheGarden]),
        (Verb.Regular("spielen", "play"), "Wo", "Where", [InTheGarden, new("im Park", "in the park"), AtHome]),
        (Verb.Regular("gehen", "go"), "Wohin", "Where", [Home, new("in die Schule", "to school"), new("in den Park", "to the park"), new("ins Kino", "to the cinema"),
            new("zum Bahnhof", "to the station"), new("in die Stadt", "to the city"), new("zur Arbeit", "to work")]),
        (Verb.Regular("kommen", "come"), "Woher", "Where", [new("aus Deutschland", "from Germany"), new("aus Österreich", "from Austria"),
            new("aus England", "from England"), new("aus China", "from China"), new("aus Berlin", "from Berlin")]),
    ];

    /// <summary>What people can be: "Ich bin müde." = "I am tired."</summary>
    public static readonly Predicate[] PeoplePredicates =
    [
        new("müde", "tired"), new("glücklich", "happy"), new("traurig", "sad"), new("krank", "ill"), new("hungrig", "hungry"),
        new("durstig", "thirsty"), new("jung", "young"), new("alt", "old"), new("nett", "nice"), new("groß", "tall"),
        new("zu Hause", "at home"), new("hier", "here"),
    ];

    /// <summary>Things described with "to be": "Das Haus ist groß." = "The house is big."</summary>
    public static readonly NounPhrase[] Things =
    [
        The(House), The(Car), The(Book), The(Table), The(Lamp), The(Bicycle), The(N("Garten", Gender.Masculine, "garden")),
        The(N("Wohnung", Gender.Feminine, "apartment")), The(N("Zimmer", Gender.Neuter, "room")), The(N("Blumen", Gender.Plural, "flowers")),
    ];

    public static readonly Predicate[] ThingPredicates =
    [
        new("groß", "big"), new("klein", "small"), new("neu", "new"), new("alt", "old"), new("schön", "beautiful"), new("teuer", "expensive"),
    ];

    /// <summary>First names for "Ich heiße Anna." = "My name is Anna."</summary>
    public static readonly string[] FemaleNames = ["Anna", "Maria", "Lena"];

    public static readonly string[] MaleNames = ["Paul", "Tom", "Max"];
}
