using System.Diagnostics;
using Llm.Generation;
using Llm.Recipes;
using Llm.Training;

namespace Llm.Cli.Commands;

/// <summary>`llm train`: the poem GPT, trained on the bundled Tang poems, then four poems streamed.</summary>
public static class TrainCommand
{
    private const string Usage = """
        llm train — train the poem GPT on the bundled Tang poems, save it, and print poems

          --steps N        optimizer steps (default: as many as fit in --time)
          --time 5m        time budget when --steps is not given (default 4.5m)
          --layers 4 --heads 4 --embd 128 --block 64 --batch 16
          --lr 3e-3        peak learning rate      --dropout 0
          --data FILE      UTF-8 text, one poem per line (default: data/poems/tang.txt)
          --out DIR        where the checkpoint goes (default: runs/poems)
          --samples 4      poems to print after training
          --temperature 0.8 --top-k 0 --seed 1337
        """;

    public static int Run(string[] args)
    {
        var cli = new CommandLine("train", args, new HashSet<string> { "help" });
        if (cli.Has("help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var defaults = new PoemOptions();
        var options = new PoemOptions
        {
            Steps = cli.Int("steps"),
            TimeBudget = cli.Duration("time") ?? defaults.TimeBudget,
            Layers = cli.Int("layers") ?? defaults.Layers,
            Heads = cli.Int("heads") ?? defaults.Heads,
            Embd = cli.Int("embd") ?? defaults.Embd,
            BlockSize = cli.Int("block") ?? defaults.BlockSize,
            BatchSize = cli.Int("batch") ?? defaults.BatchSize,
            LearningRate = cli.Float("lr") ?? defaults.LearningRate,
            Dropout = cli.Float("dropout") ?? defaults.Dropout,
            DataFile = cli.String("data"),
            Seed = cli.ULong("seed") ?? defaults.Seed,
        };
        var outDir = cli.String("out") ?? Path.Combine("runs", "poems");
        var samples = cli.Int("samples") ?? 4;
        var sampling = new SamplingOptions { Temperature = cli.Float("temperature") ?? 0.8f, TopK = cli.Int("top-k") ?? 0, Seed = options.Seed };
        cli.RejectUnknown();
        if (options.Steps is <= 0 || options.Layers <= 0 || options.Heads <= 0 || options.Embd % Math.Max(1, options.Heads) != 0 || options.BlockSize < 8 || options.BatchSize <= 0)
        {
            throw new UsageException("model sizes must be positive, --embd divisible by --heads, and --block at least 8.");
        }

        var recipe = new PoemGpt(options);
        var model = recipe.Model;
        Console.WriteLine($"Poem GPT: {model.ParameterCount():N0} parameters (L={options.Layers}, H={options.Heads}, C={options.Embd}, T={options.BlockSize}, V={recipe.Tokenizer.VocabSize}) on {Device.Auto.Describe()}");
        Console.WriteLine($"Training text: {recipe.TrainTokenCount:N0} characters; batch {options.BatchSize}×{options.BlockSize}");
        var trainer = recipe.CreateTrainer();
        Console.WriteLine($"Training for {trainer.Options.Steps} steps{(options.Steps is null ? $" (fitted to a {TrainingProgress.Format(options.TimeBudget)} budget)" : "")}; checkpoint → {outDir}");
        var progress = new ProgressLine();
        trainer.OnProgress = progress.Report;
        trainer.OnCheckpoint = _ => Checkpoint.Save(outDir, model, recipe.Tokenizer, trainer);
        var clock = Stopwatch.StartNew();
        trainer.Run();
        progress.End();
        var tokensPerSecond = trainer.History.Count * options.BatchSize * options.BlockSize / clock.Elapsed.TotalSeconds;
        var validation = trainer.ValidationHistory.Count > 0 ? trainer.ValidationHistory[^1].Loss : recipe.ValidationLoss();
        Console.WriteLine($"Done in {TrainingProgress.Format(clock.Elapsed)}: {trainer.History.Count} steps, final validation loss {validation:F4}, {tokensPerSecond:N0} tokens/s. Saved to {outDir}");
        Console.WriteLine();
        for (var i = 0; i < samples; i++)
        {
            Console.Write($"  {i + 1}. ");
            foreach (var piece in recipe.StreamPoem("", sampling with { Seed = sampling.Seed + (ulong)i }))
            {
                Console.Write(piece);
                Console.Out.Flush();
            }

            Console.WriteLine();
        }

        return 0;
    }
}
