using System.CommandLine;

namespace Llm.Cli.Parsing;

/// <summary>"Did you mean --steps?" for a token the parser did not recognise: the command's options and subcommands within a small edit distance.</summary>
public static class TypoSuggestions
{
    /// <summary>"unknown option '--stpes'; did you mean --steps?"</summary>
    public static string Unknown(string token, Command command)
    {
        if (!token.StartsWith('-') && command.Subcommands.Count == 0)
        {
            return $"unexpected value '{token}': each value follows its option, as in --name value.";
        }

        var names = For(token, command).ToArray();
        return $"unknown {(token.StartsWith('-') ? "option" : "command")} '{token}'" + (names.Length > 0 ? $"; did you mean {string.Join(" or ", names)}?" : ".");
    }

    /// <summary>
    /// A command with free arguments (sentences, file names) would take a mistyped option as one of
    /// them; a value that starts with "--" is read as the mistake it almost surely is.
    /// </summary>
    public static void RejectOptionLikeValues(Argument argument) => argument.Validators.Add(result =>
    {
        if (result.Tokens.FirstOrDefault(t => t.Value.StartsWith("--", StringComparison.Ordinal)) is { } token
            && result.Parent is System.CommandLine.Parsing.CommandResult parent)
        {
            result.AddError(Unknown(token.Value, parent.Command));
        }
    });

    public static IEnumerable<string> For(string token, Command command)
    {
        var names = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            .Concat(command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
        var limit = Math.Max(1, token.Length / 3);
        return names.Distinct()
            .Select(name => (Name: name, Distance: EditDistance(token, name)))
            .Where(c => c.Distance <= limit || (token.Length >= 3 && c.Name.StartsWith(token, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .Take(3);
    }

    /// <summary>
    /// The fewest insertions, deletions, substitutions and swaps of two neighbours that turn a into b
    /// (optimal string alignment distance): "trian" is one swap from "train".
    /// </summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(d[i - 1, j - 1] + cost, Math.Min(d[i - 1, j], d[i, j - 1]) + 1);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
