using System.CommandLine;
using Llm.Cli.Commands;
using Llm.Cli.Parsing;

namespace Llm.Cli;

/// <summary>
/// The `llm` command: its subcommands, and the one place where failures become messages and exit
/// codes — 0 done, 1 the work failed (a missing file, a network error), 2 the command line was
/// wrong. Every failure is one line or a few on stderr; no stack trace reaches the user.
/// </summary>
public static class LlmCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static RootCommand Create() => new("llm — train and run the course's models")
    {
        TrainCommand.Create(),
        GenerateCommand.Create(),
        ScoreCommand.Create(),
        TranslateCommand.Create(),
        BenchCommand.Create(),
        DownloadCommand.Create(),
        NotebookCommand.Create(),
    };

    /// <summary>Parses and runs a command line, writing to <paramref name="output"/> and <paramref name="error"/> (the console in Program.cs, strings in tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        Course.CourseMode.ApplyThreads(Environment.GetEnvironmentVariable("LLM_THREADS"));
        var parse = Create().Parse(args.Length == 0 ? ["--help"] : args);
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        if (parse.Errors.Count > 0)
        {
            // An unknown word explains the other errors (its value is unknown too, a subcommand seems
            // missing), so it alone is reported, with the names it is closest to.
            var messages = parse.UnmatchedTokens is [var unknown, ..]
                ? [TypoSuggestions.Unknown(unknown, command)]
                : parse.Errors.Select(e => e.Message).Distinct();
            foreach (var message in messages)
            {
                error.WriteLine($"{path}: {message}");
            }

            error.WriteLine($"Run '{path} --help' to see what it accepts.");
            return Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            error.WriteLine($"{path}: {e.Message}");
            error.WriteLine($"Run '{path} --help' to see what it accepts.");
            return Usage;
        }
        catch (Exception e) when (IsUsersProblem(e))
        {
            error.WriteLine($"{path}: {MessageOf(e)}");
            return Failed;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"{path}: interrupted (Ctrl+C).");
            return Failed;
        }
        catch (Exception e)
        {
            // Anything else is a bug in the course: still one line, but one that says so.
            error.WriteLine($"{path}: unexpected {e.GetType().Name}: {e.Message} (a bug in llm; please report it with the command you ran).");
            return Failed;
        }
    }

    /// <summary>
    /// Failures whose message was written for the person at the terminal: a file or folder that is
    /// missing, unreadable or malformed, the network, a GPU that cannot be used, a run that diverged.
    /// Anything else (an InvalidOperationException, an ArgumentException from deep inside, a null
    /// reference) means the command or the library went wrong, and is reported as a bug.
    /// </summary>
    public static bool IsUsersProblem(Exception e) =>
        e is IOException or InvalidDataException or UnauthorizedAccessException or HttpRequestException or TimeoutException
            or Kernels.CudaUnavailableException or Training.TrainingDivergedException;

    /// <summary>The message alone: an ArgumentException's Message ends in "(Parameter 'x')", which means nothing to the person at the terminal.</summary>
    public static string MessageOf(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;

    /// <summary>"llm bench train": the names from the root to the command that was parsed.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(r.Command is RootCommand ? "llm" : r.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
