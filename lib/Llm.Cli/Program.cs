using Llm.Cli;
using Llm.Cli.Commands;

// The `llm` command: the course's main job and its tools. Errors are one line on stderr and a non-zero exit.
return Run(args);

static int Run(string[] args)
{
    var command = args.Length > 0 ? args[0] : "--help";
    var rest = args.Skip(1).ToArray();
    try
    {
        return command switch
        {
            "train" => TrainCommand.Run(rest),
            "generate" => GenerateCommand.Run(rest),
            "score" => ScoreCommand.Run(rest),
            "translate" => TranslateCommand.Run(rest),
            "bench" => BenchCommand.Run(rest),
            "notebook" => NotebookCommand.Run(rest),
            "--help" or "-h" or "help" => Help(),
            _ => throw new UsageException($"unknown command '{command}'; run 'llm --help' to see the commands."),
        };
    }
    catch (UsageException e)
    {
        Console.Error.WriteLine($"llm: {e.Message}");
        return 2;
    }
    catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException or UnauthorizedAccessException or KeyNotFoundException)
    {
        Console.Error.WriteLine($"llm: {e.Message}");
        return 1;
    }
}

static int Help()
{
    Console.WriteLine("""
        llm — train and run the course's models

          llm train       train the poem GPT on the bundled Tang poems, then print poems
          llm generate    continue a prompt with a trained model (streamed)
          llm score       mean next-token loss of token ids under a model
          llm translate   train or load the German→English Transformer and translate
          llm bench       speed figures
          llm notebook    run or export the course notebooks

        Run 'llm <command> --help' for the options of a command.
        """);
    return 0;
}
