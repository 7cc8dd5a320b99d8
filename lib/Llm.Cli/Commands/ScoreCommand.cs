using System.Globalization;
using Llm.Training;

namespace Llm.Cli.Commands;

/// <summary>`llm score`: the mean next-token cross-entropy of given token ids under a model.</summary>
public static class ScoreCommand
{
    private const string Usage = """
        llm score — mean next-token cross-entropy (nats per predicted token) of token ids

          --model DIR        checkpoint folder (ours or Hugging Face GPT-2 layout)
          --tokens 12,7,99   the token ids (at least two); each id after the first is predicted once
          --json             print {"loss": <number>, "tokens": <predicted tokens>}
        Sequences longer than the model's context are scored in consecutive windows.
        """;

    public static int Run(string[] args)
    {
        var cli = new CommandLine("score", args, new HashSet<string> { "help", "json" });
        if (cli.Has("help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var dir = cli.String("model") ?? throw new UsageException("score needs --model DIR.");
        var text = cli.String("tokens") ?? throw new UsageException("score needs --tokens, e.g. --tokens 12,7,99.");
        var json = cli.Has("json");
        cli.RejectUnknown();
        int[] tokens;
        try
        {
            tokens = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new UsageException($"--tokens must be whole numbers separated by commas, got '{text}'.");
        }

        if (tokens.Length < 2)
        {
            throw new UsageException("--tokens needs at least two ids: the first is context, the rest are predicted.");
        }

        var (model, _) = Checkpoint.Load(dir);
        var vocab = model.Config.VocabSize;
        var bad = Array.FindIndex(tokens, t => t < 0 || t >= vocab);
        if (bad >= 0)
        {
            throw new UsageException($"token id {tokens[bad]} is outside the model's vocabulary 0..{vocab - 1}.");
        }

        var (loss, count) = Score(model, tokens);
        Console.WriteLine(json
            ? $"{{\"loss\": {loss.ToString("R", CultureInfo.InvariantCulture)}, \"tokens\": {count}}}"
            : $"loss {loss:F4} nats per token over {count} predicted tokens (perplexity {Math.Exp(loss):F2})");
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
