using System.Text.RegularExpressions;

namespace Llm.Notebooks;

/// <summary>A cell the exporter refuses, with the reason (it needs the kernel's own features, which an app lacks).</summary>
public sealed class CellRejectedException(string message) : Exception(message);

/// <summary>
/// What a C# cell may contain. For the exporter, the code Roslyn compiles: the cell-language magic
/// (#!csharp) stripped, and what only .NET Interactive understands (other #! magic commands,
/// #r "nuget:…", #i) rejected. For the runner, hints on compiler errors that the kernel's rules explain.
/// </summary>
public static partial class CellCode
{
    private static readonly HashSet<string> CSharpMagics = ["#!csharp", "#!c#", "#!C#"];

    private static readonly Dictionary<string, string> Hints = new()
    {
        ["CS7009"] = "#r and #load must come before any code in their cell: move the line to the top of the cell, or into a cell of its own.",
        ["CS7021"] = "a cell cannot declare a namespace (C# scripts have none, in Polyglot Notebooks too): remove the namespace and keep its types at the top level of the cell.",
        ["CS1109"] = "a cell cannot declare extension methods (its classes are nested in a script class): put them in the library.",
        ["CS8345"] = "a Span<T> cannot be a top-level variable of a cell (it would be a field of the script class): use an array, or put the code in a method.",
    };

    /// <summary>The code to compile, with stripped lines left empty so that error positions still match the cell.</summary>
    public static string Prepare(string source)
    {
        var lines = source.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (CSharpMagics.Contains(line))
            {
                lines[i] = string.Empty;
            }
            else if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                throw new CellRejectedException(
                    $"line {i + 1}: '{line.Split(' ')[0]}' is a .NET Interactive magic command; the runner (and an exported app) runs C# only, so remove it (a cell may start with #!csharp).");
            }
            else if (IncludeDirective().IsMatch(line))
            {
                throw new CellRejectedException(
                    $"line {i + 1}: #i (a package source) is not supported: the runner downloads no packages; reference the library's DLL with #r \"path/to/Library.dll\" instead.");
            }
            else if (NuGetReference().IsMatch(line))
            {
                throw new CellRejectedException(
                    $"line {i + 1}: #r \"nuget:…\" is not supported: the runner downloads no packages; build the library and reference its DLL instead, e.g. #r \"../artifacts/lib/Llm.dll\".");
            }
        }

        return string.Join("\n", lines);
    }

    /// <summary>A hint that explains a compiler error by the kernel's rules, or null.</summary>
    public static string? HintFor(string diagnosticId) => Hints.GetValueOrDefault(diagnosticId);

    /// <summary>The kernel's failure message, with a hint line after it for each error the kernel's rules explain.</summary>
    public static string WithHints(string message)
    {
        var hints = ErrorId().Matches(message).Select(m => HintFor(m.Groups[1].Value)).OfType<string>().Distinct();
        return message + string.Concat(hints.Select(hint => $"\n  hint: {hint}"));
    }

    /// <summary>The paths of the cell's #r "…" lines (what an exported app must reference instead).</summary>
    public static IEnumerable<(int Line, string Path)> References(string code) =>
        code.Split('\n').Select((text, line) => (line, Match: Reference().Match(text.Trim())))
            .Where(x => x.Match.Success)
            .Select(x => (x.line, x.Match.Groups[1].Value));

    [GeneratedRegex(@"error (CS\d{4})")]
    private static partial Regex ErrorId();

    [GeneratedRegex(@"^#i(\s|$)")]
    private static partial Regex IncludeDirective();

    [GeneratedRegex(@"^#r\s+""\s*nuget\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetReference();

    [GeneratedRegex(@"^#r\s+""([^""]*)""")]
    private static partial Regex Reference();
}
