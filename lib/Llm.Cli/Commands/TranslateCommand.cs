using System.CommandLine;
using System.Globalization;
using Llm.Cli.Parsing;
using Llm.Recipes;
using Llm.Serialization;
using Llm.Training;

namespace Llm.Cli.Commands;

/// <summary>
/// `llm translate`: German→English with the encoder–decoder Transformer (trained on first use). Its
/// training saves at every evaluation, stops cleanly on Ctrl+C, and continues with `--resume`.
/// </summary>
public static class TranslateCommand
{
    public static Command Create()
    {
        var sentences = new Argument<string[]>("sentences") { Description = "German sentences to translate [default: \"Wo wohnst du?\"]", Arity = ArgumentArity.ZeroOrMore };
        TypoSuggestions.RejectOptionLikeValues(sentences);
        var model = CliOption.Text("--model", "Model folder; trained and saved there if missing", Path.Combine("runs", "translate"), "DIR");
        var train = CliOption.Flag("--train", "Train a new model even if the folder exists");
        var resume = CliOption.Flag("--resume", "Continue the training saved in --model from its last checkpoint");
        var steps = CliOption.Number("--steps", "Training steps", 600, "a whole number ≥ 1", v => v >= 1);
        var budget = TimeSpan.FromMinutes(4);
        var time = CliOption.Duration("--time", "Time budget for training", budget);
        var beam = CliOption.Number("--beam", "Beam width (1 = greedy)", 4, "a whole number ≥ 1", v => v >= 1);
        var command = new Command("translate", "Translate German to English with the course's Transformer (trains it on first use)")
        {
            sentences, model, train, resume, steps, time, beam,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(train) && result.GetValue(resume))
            {
                result.AddError("--train starts a new run and --resume continues a saved one: give one of them.");
            }
        });
        command.SetAction(parse =>
        {
            var given = parse.GetValue(sentences) ?? [];
            var config = parse.InvocationConfiguration;
            var dir = parse.GetValue(model)!;
            TranslationRecipe recipe;
            Trainer? trainer = null;
            if (parse.GetValue(resume))
            {
                var record = Checkpoint.ReadTraining(dir);
                recipe = TranslationRecipe.Load(dir, int.Parse(record.Metadata["batch_size"], CultureInfo.InvariantCulture));
                if (record.Step < record.Options.Steps)
                {
                    trainer = recipe.Resume(dir, record);
                    config.Output.WriteLine($"Resuming {dir} after step {trainer.Step} of {trainer.Options.Steps}.");
                }
            }
            else if (!parse.GetValue(train) && (Directory.Exists(dir) || Directory.Exists(dir + ".previous")))
            {
                recipe = TranslationRecipe.Load(dir);
            }
            else
            {
                recipe = TranslationRecipe.Create();
                config.Output.WriteLine($"Training the Transformer: {recipe.Model.ParameterCount():N0} parameters, {recipe.Data.Train.Length:N0} sentence pairs (held out: {recipe.Data.HeldOut.Length:N0})");
                trainer = recipe.CreateTrainer(parse.GetValue(steps), parse.GetValue(time) ?? budget);
            }

            if (trainer is not null && !Train(recipe, trainer, dir, config.Output, config.Error))
            {
                return Interruption.ExitCode;
            }

            foreach (var sentence in given.Length > 0 ? given : ["Wo wohnst du?"])
            {
                config.Output.WriteLine($"{sentence} → {recipe.Translate(sentence, parse.GetValue(beam))}");
            }

            return LlmCommand.Ok;
        });
        return command;
    }

    /// <summary>Trains, saving into <paramref name="dir"/> at every evaluation; false when Ctrl+C stopped it (it is saved then too).</summary>
    private static bool Train(TranslationRecipe recipe, Trainer trainer, string dir, TextWriter output, TextWriter error)
    {
        AtomicDirectory.EnsureWritable(dir, recipe.CheckpointBytes, TranslationRecipe.IsModelFolder);
        var progress = new ProgressLine();
        trainer.OnProgress = progress.Report;
        trainer.OnCheckpoint = _ => recipe.Save(dir, trainer);
        using (var interruption = new Interruption(error, "finishing this step and saving"))
        {
            trainer.Run(interruption.Token);
        }

        progress.End();
        if (trainer.Stopped)
        {
            output.WriteLine($"Stopped after step {trainer.Step} of {trainer.Options.Steps}; saved to {dir}. Continue with: llm translate --resume --model {dir}");
            return false;
        }

        output.WriteLine($"Held-out loss {trainer.ValidationHistory[^1].Loss:F4}; saved to {dir}");
        return true;
    }
}
