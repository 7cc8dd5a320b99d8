using Llm.Cli;

// The `llm` command; see LlmCommand for its subcommands and exit codes.
return LlmCommand.Run(args, Console.Out, Console.Error);
