using Llm.Generation;
using Llm.Training;

namespace Llm.Cli.Commands;

/// <summary>`llm generate`: continue a prompt with a saved model, streaming the text as it is produced.</summary>
public static class GenerateCommand
{
    private const string Usage = """
        llm generate — continue a prompt with a trained model (ours or Hugging Face GPT-2 layout)

          --model DIR      checkpoint folder (default: runs/poems)
          --prompt TEXT    the start of the text (default: a new line, i.e. a new poem)
          --max-tokens 64  tokens to add
          --temperature 0.8 --top-k 0 --top-p 1 --seed 42
          --count 1        how many continuations
          --no-cache       recompute the whole context every token (slower; same text)
        """;

    public static int Run(string[] args)
    {
        var cli = new CommandLine("generate", args, new HashSet<string> { "help", "no-cache" });
        if (cli.Has("help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var dir = cli.String("model") ?? Path.Combine("runs", "poems");
        var prompt = cli.String("prompt") ?? "\n";
        var maxTokens = cli.Int("max-tokens") ?? 64;
        var count = cli.Int("count") ?? 1;
        var sampling = new SamplingOptions
        {
            Temperature = cli.Float("temperature") ?? 0.8f,
            TopK = cli.Int("top-k") ?? 0,
            TopP = cli.Float("top-p") ?? 1f,
            Seed = cli.ULong("seed") ?? 42,
        };
        var useCache = !cli.Has("no-cache");
        cli.RejectUnknown();
        if (maxTokens <= 0 || count <= 0 || sampling.TopP is <= 0f or > 1f)
        {
            throw new UsageException("--max-tokens and --count must be positive and --top-p in (0, 1].");
        }

        var (model, tokenizer) = Checkpoint.Load(dir);
        var ids = tokenizer.Encode(prompt);
        if (ids.Length == 0)
        {
            throw new UsageException("the prompt is empty after tokenizing; give some text with --prompt.");
        }

        for (var i = 0; i < count; i++)
        {
            Console.Write(prompt.TrimStart('\n'));
            var decoder = tokenizer.CreateStreamDecoder();
            foreach (var id in GptGenerator.Generate(model, ids, maxTokens, sampling with { Seed = sampling.Seed + (ulong)i }, useCache))
            {
                Console.Write(decoder.Push(id));
                Console.Out.Flush();
            }

            Console.WriteLine(decoder.Flush());
        }

        return 0;
    }
}
