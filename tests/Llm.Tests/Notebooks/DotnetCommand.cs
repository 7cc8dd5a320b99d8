using System.Diagnostics;

namespace Llm.Tests.Notebooks;

/// <summary>Runs the `dotnet` command (the SDK, or an app's DLL) as a child process, for the tests that build exported notebooks.</summary>
internal static class DotnetCommand
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <summary>The exit code and everything printed (stdout, then stderr); a run past <paramref name="timeout"/> is killed and reported as exit code -1.</summary>
    public static (int ExitCode, string Output) Run(string directory, string[] args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host runs under `dotnet test`, whose MSBuild settings must not leak into this build.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"killed after {(timeout ?? TimeSpan.FromMinutes(10)).TotalSeconds:F0} s\n{output.Result}{error.Result}");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
