using System.CommandLine;
using Llm.Cli.Parsing;

namespace Llm.Cli.Commands;

/// <summary>--model DIR, shared by the commands that read a checkpoint folder.</summary>
public static class ModelOption
{
    private const string Description = "Checkpoint folder: config.json + model.safetensors (ours or Hugging Face GPT-2's), with tokenizer.json or vocab.json + merges.txt for text";

    public static Option<string> Create(string defaultDir) => CliOption.Text("--model", Description, defaultDir, "DIR");

    public static Option<string> CreateRequired() => CliOption.RequiredText("--model", Description, "DIR");
}
