using System.Diagnostics;

namespace Llm.Tests.Notebooks;

/// <summary>Jupyter's own validator (Debian's python3-nbformat), when this machine has it.</summary>
internal static class Nbformat
{
    private const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> IsAvailable = new(() => System.IO.File.Exists(Python) && Python3("import nbformat").ExitCode == 0);

    public static bool Available => IsAvailable.Value;

    /// <summary>Null when the file is a valid notebook, else the validator's complaint.</summary>
    public static string? Validate(string path)
    {
        var (exitCode, error) = Python3("import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", path);
        return exitCode == 0 ? null : error;
    }

    private static (int ExitCode, string Error) Python3(string code, params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(code);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Result);
    }
}

/// <summary>A fact that needs Jupyter's validator: reported as skipped, with the reason, where python3 or nbformat is missing.</summary>
public sealed class NbformatFactAttribute : FactAttribute
{
    public NbformatFactAttribute()
    {
        if (!Nbformat.Available)
        {
            Skip = "needs /usr/bin/python3 with nbformat (apt-get install python3-nbformat)";
        }
    }
}
