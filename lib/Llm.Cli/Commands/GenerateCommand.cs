using System.CommandLine;
using Llm.Cli.Parsing;
using Llm.Generation;
using Llm.Training;

namespace Llm.Cli.Commands;

/// <summary>`llm generate`: continue a prompt with a saved model, streaming the text as it is produced.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var model = ModelOption.Create(Path.Combine("runs", "poems"));
        var prompt = new Option<string>("--prompt") { Description = "The start of the text [default: a new line, i.e. a new poem]", HelpName = "TEXT", DefaultValueFactory = _ => "\n" };
        var maxTokens = CliOption.Number("--max-tokens", "Tokens to add", 64, "a whole number ≥ 1", v => v >= 1);
        var temperature = CliOption.Number("--temperature", "Divides the logits before softmax: lower is safer, higher more surprising (0 = greedy)", 0.8f, "a number ≥ 0", v => v >= 0 && float.IsFinite(v));
        var topK = CliOption.Number("--top-k", "Keep only the k most likely tokens (0 = all)", 0, "a whole number ≥ 0", v => v >= 0);
        var topP = CliOption.Number("--top-p", "Keep the most likely tokens whose probabilities add up to p (1 = all)", 1f, "a number in (0, 1]", v => v is > 0 and <= 1);
        var seed = CliOption.Number("--seed", "Seed of the random draws (continuation i uses seed + i)", 42UL, "a whole number ≥ 0", _ => true);
        var count = CliOption.Number("--count", "How many continuations", 1, "a whole number ≥ 1", v => v >= 1);
        var noCache = CliOption.Flag("--no-cache", "Recompute the whole context for every token (slower; the same text)");
        var command = new Command("generate", "Continue a prompt with a trained model (ours or Hugging Face GPT-2), streamed")
        {
            model, prompt, maxTokens, temperature, topK, topP, seed, count, noCache,
        };
        command.SetAction(parse =>
        {
            var sampling = new SamplingOptions { Temperature = parse.GetValue(temperature), TopK = parse.GetValue(topK), TopP = parse.GetValue(topP), Seed = parse.GetValue(seed) };
            return Run(parse.GetValue(model)!, parse.GetValue(prompt)!, parse.GetValue(maxTokens), parse.GetValue(count), sampling, !parse.GetValue(noCache), parse.InvocationConfiguration.Output);
        });
        return command;
    }

    private static int Run(string dir, string prompt, int maxTokens, int count, SamplingOptions sampling, bool useCache, TextWriter output)
    {
        var (model, tokenizer) = Checkpoint.Load(dir);
        int[] ids;
        try
        {
            ids = tokenizer.Encode(prompt);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--prompt: {LlmCommand.MessageOf(e)}");
        }

        if (ids.Length == 0)
        {
            throw new UsageException("the prompt is empty after tokenizing; give some text with --prompt.");
        }

        for (var i = 0; i < count; i++)
        {
            output.Write(prompt.TrimStart('\n'));
            var decoder = tokenizer.CreateStreamDecoder();
            foreach (var id in GptGenerator.Generate(model, ids, maxTokens, sampling with { Seed = sampling.Seed + (ulong)i }, useCache))
            {
                output.Write(decoder.Push(id));
                output.Flush();
            }

            output.WriteLine(decoder.Flush());
        }

        return 0;
    }
}
