using System.Globalization;

namespace Llm.Cli;

/// <summary>A usage error: the message says what was wrong and how to ask for help.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The options of one command, parsed from "--name value" pairs and "--flag" switches. Every
/// option must be declared by the command; anything else is reported as unknown.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> read = new(StringComparer.Ordinal);
    private readonly string command;

    public CommandLine(string command, string[] args, IReadOnlySet<string> flags)
    {
        this.command = command;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                Positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                (name, value) = (name[..eq], name[(eq + 1)..]);
            }
            else if (!flags.Contains(name))
            {
                if (i + 1 >= args.Length)
                {
                    throw new UsageException($"option --{name} of 'llm {command}' needs a value.");
                }

                value = args[++i];
            }

            values[name] = value;
        }
    }

    public List<string> Positional { get; } = [];

    public bool Has(string name)
    {
        read.Add(name);
        return values.ContainsKey(name);
    }

    public string? String(string name)
    {
        read.Add(name);
        return values.TryGetValue(name, out var v) ? v : null;
    }

    public int? Int(string name) => Parse(name, s => int.Parse(s, CultureInfo.InvariantCulture), "a whole number");

    public float? Float(string name) => Parse(name, s => float.Parse(s, CultureInfo.InvariantCulture), "a number");

    public ulong? ULong(string name) => Parse(name, s => ulong.Parse(s, CultureInfo.InvariantCulture), "a non-negative whole number");

    /// <summary>A duration such as 90s, 5m or 1h.</summary>
    public TimeSpan? Duration(string name) => Parse(name, s => s[^1] switch
    {
        's' => TimeSpan.FromSeconds(double.Parse(s[..^1], CultureInfo.InvariantCulture)),
        'm' => TimeSpan.FromMinutes(double.Parse(s[..^1], CultureInfo.InvariantCulture)),
        'h' => TimeSpan.FromHours(double.Parse(s[..^1], CultureInfo.InvariantCulture)),
        _ => TimeSpan.FromSeconds(double.Parse(s, CultureInfo.InvariantCulture)),
    }, "a duration like 90s, 5m or 1h");

    /// <summary>Fails on options the command never asked about (typos, options of another command).</summary>
    public void RejectUnknown()
    {
        var unknown = values.Keys.FirstOrDefault(k => !read.Contains(k));
        if (unknown is not null)
        {
            throw new UsageException($"unknown option --{unknown} for 'llm {command}'; run 'llm {command} --help' to see the options.");
        }
    }

    private T? Parse<T>(string name, Func<string, T> parse, string what)
        where T : struct
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException)
        {
            throw new UsageException($"option --{name} of 'llm {command}' must be {what}, got '{text}'.");
        }
    }
}
