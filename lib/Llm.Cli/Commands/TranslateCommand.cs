using System.CommandLine;
using Llm.Cli.Parsing;
using Llm.Recipes;

namespace Llm.Cli.Commands;

/// <summary>`llm translate`: German→English with the encoder–decoder Transformer (trained on first use).</summary>
public static class TranslateCommand
{
    public static Command Create()
    {
        var sentences = new Argument<string[]>("sentences") { Description = "German sentences to translate [default: \"Wo wohnst du?\"]", Arity = ArgumentArity.ZeroOrMore };
        TypoSuggestions.RejectOptionLikeValues(sentences);
        var model = CliOption.Text("--model", "Model folder; trained and saved there if missing", Path.Combine("runs", "translate"), "DIR");
        var train = CliOption.Flag("--train", "Train a new model even if the folder exists");
        var steps = CliOption.Number("--steps", "Training steps", 600, "a whole number ≥ 1", v => v >= 1);
        var budget = TimeSpan.FromMinutes(4);
        var time = CliOption.Duration("--time", "Time budget for training", budget);
        var beam = CliOption.Number("--beam", "Beam width (1 = greedy)", 4, "a whole number ≥ 1", v => v >= 1);
        var command = new Command("translate", "Translate German to English with the course's Transformer (trains it on first use)")
        {
            sentences, model, train, steps, time, beam,
        };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(sentences) ?? [];
            return Run(given.Length > 0 ? given : ["Wo wohnst du?"], parse.GetValue(model)!, parse.GetValue(train), parse.GetValue(steps), parse.GetValue(time) ?? budget, parse.GetValue(beam), parse.InvocationConfiguration.Output);
        });
        return command;
    }

    private static int Run(string[] sentences, string dir, bool retrain, int steps, TimeSpan budget, int beam, TextWriter output)
    {
        TranslationRecipe recipe;
        if (!retrain && (Directory.Exists(dir) || Directory.Exists(dir + ".previous")))
        {
            recipe = TranslationRecipe.Load(dir);
        }
        else
        {
            recipe = TranslationRecipe.Create();
            output.WriteLine($"Training the Transformer: {recipe.Model.ParameterCount():N0} parameters, {recipe.Data.Train.Length:N0} sentence pairs (held out: {recipe.Data.HeldOut.Length:N0})");
            var trainer = recipe.CreateTrainer(steps, budget);
            var progress = new ProgressLine();
            trainer.OnProgress = progress.Report;
            trainer.Run();
            progress.End();
            recipe.Save(dir);
            output.WriteLine($"Held-out loss {trainer.ValidationHistory[^1].Loss:F4}; saved to {dir}");
        }

        foreach (var sentence in sentences)
        {
            output.WriteLine($"{sentence} → {recipe.Translate(sentence, beam)}");
        }

        return 0;
    }
}
