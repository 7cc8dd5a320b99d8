using System.CommandLine;

namespace Llm.Cli.Parsing;

/// <summary>"Did you mean --steps?" for a token the parser did not recognise: the command's options and subcommands within a small edit distance.</summary>
public static class TypoSuggestions
{
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

    /// <summary>Levenshtein distance: the fewest insertions, deletions and substitutions from a to b.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
