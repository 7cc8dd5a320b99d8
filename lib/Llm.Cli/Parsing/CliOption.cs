using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using Llm.Training;

namespace Llm.Cli.Parsing;

/// <summary>
/// Options that check their own values: a bad value fails the parse with one message naming the
/// option and what it accepts ("--steps must be a whole number ≥ 1, got '0'"), before any work starts.
/// </summary>
public static partial class CliOption
{
    /// <summary>A number with a default (shown by --help); <paramref name="allowed"/> words the range that <paramref name="ok"/> checks.</summary>
    public static Option<T> Number<T>(string name, string description, T defaultValue, string allowed, Func<T, bool> ok)
        where T : struct, IParsable<T> => new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Parse(result, name, allowed, ok) ?? defaultValue,
        };

    /// <summary>A number that may be left out (null), e.g. --steps when a time budget decides instead.</summary>
    public static Option<T?> OptionalNumber<T>(string name, string description, string allowed, Func<T, bool> ok)
        where T : struct, IParsable<T> => new(name)
        {
            Description = description,
            CustomParser = result => Parse(result, name, allowed, ok),
        };

    /// <summary>
    /// A duration such as 90s, 5m or 1h (a bare number is seconds); null when left out, so the caller
    /// uses <paramref name="defaultValue"/>. The default is part of the description because --help
    /// would print a TimeSpan default as 00:04:30.
    /// </summary>
    public static Option<TimeSpan?> Duration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = $"{description} [default: {TrainingProgress.Format(defaultValue)}]",
        HelpName = "90s|5m|1h",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (text is not null && TryParseDuration(text) is { } time && time > TimeSpan.Zero)
            {
                return time;
            }

            result.AddError($"{name} must be a positive duration like 90s, 5m or 1h, got '{text}'.");
            return null;
        },
    };

    /// <summary>A flag: present or not.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>A text option with a default shown by --help.</summary>
    public static Option<string> Text(string name, string description, string defaultValue, string helpName) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = helpName,
    };

    /// <summary>A text option the command cannot run without.</summary>
    public static Option<string> RequiredText(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Required = true,
    };

    private static T? Parse<T>(ArgumentResult result, string name, string allowed, Func<T, bool> ok)
        where T : struct, IParsable<T>
    {
        if (result.Tokens.Count != 1)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (T.TryParse(text, CultureInfo.InvariantCulture, out var value) && ok(value))
        {
            return value;
        }

        result.AddError($"{name} must be {allowed}, got '{text}'.");
        return null;
    }

    /// <summary>90 or 90s, 5m, 1.5h, and the forms training prints and --help shows: 4m30s, 1h05m.</summary>
    private static TimeSpan? TryParseDuration(string text)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success || text.Length == 0)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (var (group, unit) in new[] { ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)), ("s", TimeSpan.FromSeconds(1)) })
        {
            var part = match.Groups[group].Value;
            if (part.Length == 0)
            {
                continue;
            }

            // A million of any unit is beyond any budget and keeps TimeSpan from overflowing.
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value < 1e6))
            {
                return null;
            }

            total += unit * value;
        }

        return total;
    }

    [GeneratedRegex(@"^(?:(?<h>[0-9.]+)h)?(?:(?<m>[0-9.]+)m)?(?:(?<s>[0-9.]+)s?)?$")]
    private static partial Regex DurationPattern();
}
