using System.Diagnostics;

namespace Llm.Tests.Cli;

/// <summary>The real program, started as a process: Program.cs passes the exit code and the streams through.</summary>
public class ProcessTests
{
    [Theory]
    [InlineData(2, "llm bench train: --steps must be a whole number ≥ 1, got '0'.", "bench", "train", "--steps", "0")]
    [InlineData(1, "No checkpoint folder at 'no/such/folder'", "score", "--model", "no/such/folder", "--tokens", "1,2")]
    public async Task ExitCodeAndOneMessageOnStderr(int code, string message, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Llm.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var (output, error) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();

        Assert.Equal(code, process.ExitCode);
        Assert.Contains(message, await error);
        Assert.Equal("", await output);
        Cli.AssertNoStackTrace(new Cli.Result(process.ExitCode, await output, await error));
    }
}
