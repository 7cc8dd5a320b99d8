using System.CommandLine;
using System.Globalization;
using Llm.Cli.Parsing;
using Llm.Training;

namespace Llm.Cli.Commands;

/// <summary>`llm score`: the mean next-token cross-entropy of given token ids under a model. Needs no tokenizer.</summary>
public static class ScoreCommand
{
    public static Command Create()
    {
        var model = ModelOption.CreateRequired();
        var tokens = new Option<int[]>("--tokens")
        {
            Description = "The token ids, comma-separated (at least two); each id after the first is predicted once",
            HelpName = "12,7,99",
            Required = true,
            CustomParser = ParseIds,
        };
        var json = CliOption.Flag("--json", "Print {\"loss\": <number>, \"tokens\": <predicted tokens>}");
        var command = new Command("score", "Mean next-token cross-entropy (nats per predicted token) of token ids; longer than the context, they are scored in consecutive windows")
        {
            model, tokens, json,
        };
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(tokens)!, parse.GetValue(json), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int[] ParseIds(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = string.Join(',', result.Tokens.Select(t => t.Value));
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var ids = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out ids[i]))
            {
                result.AddError($"--tokens must be whole numbers separated by commas, got '{parts[i]}' in '{text}'.");
                return [];
            }
        }

        if (ids.Length < 2)
        {
            result.AddError($"--tokens needs at least two ids (the first is context, the rest are predicted), got '{text}'.");
        }

        return ids;
    }

    private static int Run(string dir, int[] tokens, bool json, TextWriter output)
    {
        var model = Checkpoint.LoadModel(dir);
        var vocab = model.Config.VocabSize;
        var bad = Array.FindIndex(tokens, t => t < 0 || t >= vocab);
        if (bad >= 0)
        {
            throw new UsageException($"token id {tokens[bad]} (position {bad}) is outside the model's vocabulary 0..{vocab - 1}.");
        }

        var (loss, count) = Score(model, tokens);
        output.WriteLine(json
            ? $"{{\"loss\": {loss.ToString("R", CultureInfo.InvariantCulture)}, \"tokens\": {count}}}"
            : string.Create(CultureInfo.InvariantCulture, $"loss {loss:F4} nats per token over {count} predicted tokens (perplexity {Math.Exp(loss):F2})"));
        return 0;
    }

    /// <summary>Windows of up to BlockSize + 1 tokens overlapping by one, so each token after the first is predicted exactly once.</summary>
    internal static (double Loss, int Count) Score(Models.Gpt model, int[] tokens)
    {
        model.Eval();
        var block = model.Config.BlockSize;
        double total = 0;
        var count = 0;
        using (Tensor.NoGrad())
        {
            for (var start = 0; start < tokens.Length - 1; start += block)
            {
                var length = Math.Min(block, tokens.Length - 1 - start);
                var inputs = tokens.AsSpan(start, length).ToArray();
                var targets = tokens.AsSpan(start + 1, length).ToArray();
                var (_, loss) = model.Forward(inputs, targets, 1, length);
                total += (double)loss.Item() * length;
                count += length;
            }
        }

        return (total / count, count);
    }
}
