using Llm.Recipes;
using Llm.Training;

namespace Llm.Cli.Commands;

/// <summary>`llm translate`: German→English with the encoder–decoder Transformer (trained on first use).</summary>
public static class TranslateCommand
{
    private const string Usage = """
        llm translate — translate German to English with the course's Transformer

          llm translate "Wo wohnst du?"
          --model DIR      model folder (default: runs/translate); trained and saved there if missing
          --train          train a new model even if the folder exists
          --steps 600      training steps     --time 4m   time budget for training
          --beam 4         beam width (1 = greedy)
        """;

    public static int Run(string[] args)
    {
        var cli = new CommandLine("translate", args, new HashSet<string> { "help", "train" });
        if (cli.Has("help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var dir = cli.String("model") ?? Path.Combine("runs", "translate");
        var retrain = cli.Has("train");
        var steps = cli.Int("steps") ?? 600;
        var budget = cli.Duration("time") ?? TimeSpan.FromMinutes(4);
        var beam = cli.Int("beam") ?? 4;
        cli.RejectUnknown();
        if (steps <= 0 || beam <= 0)
        {
            throw new UsageException("--steps and --beam must be positive.");
        }

        var sentences = cli.Positional.Count > 0 ? cli.Positional : ["Wo wohnst du?"];
        TranslationRecipe recipe;
        if (!retrain && (Directory.Exists(dir) || Directory.Exists(dir + ".previous")))
        {
            recipe = TranslationRecipe.Load(dir);
        }
        else
        {
            recipe = TranslationRecipe.Create();
            Console.WriteLine($"Training the Transformer: {recipe.Model.ParameterCount():N0} parameters, {recipe.Data.Train.Length:N0} sentence pairs (held out: {recipe.Data.HeldOut.Length:N0})");
            var trainer = recipe.CreateTrainer(steps, budget);
            var progress = new ProgressLine();
            trainer.OnProgress = progress.Report;
            trainer.Run();
            progress.End();
            recipe.Save(dir);
            Console.WriteLine($"Held-out loss {trainer.ValidationHistory[^1].Loss:F4}; saved to {dir}");
        }

        foreach (var sentence in sentences)
        {
            Console.WriteLine($"{sentence} → {recipe.Translate(sentence, beam)}");
        }

        return 0;
    }
}
