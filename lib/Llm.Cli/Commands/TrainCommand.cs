using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using Llm.Cli.Parsing;
using Llm.Generation;
using Llm.Recipes;
using Llm.Serialization;
using Llm.Training;

namespace Llm.Cli.Commands;

/// <summary>
/// `llm train`: the poem GPT, trained on the bundled Tang poems, then four poems streamed. It saves
/// at every evaluation; Ctrl+C stops after the current step and saves; `--resume` continues a saved run.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var d = new PoemOptions();
        var steps = CliOption.OptionalNumber<int>("--steps", "Optimizer steps [default: as many as fit in --time]", "a whole number ≥ 1", v => v >= 1);
        var time = CliOption.Duration("--time", "Time budget when --steps is not given", d.TimeBudget!.Value);
        var layers = CliOption.Number("--layers", "Transformer blocks", d.Model.Layers, "a whole number ≥ 1", v => v >= 1);
        var heads = CliOption.Number("--heads", "Attention heads per block (must divide --embd)", d.Model.Heads, "a whole number ≥ 1", v => v >= 1);
        var embd = CliOption.Number("--embd", "Width of each character's vector", d.Model.Embd, "a whole number ≥ 1", v => v >= 1);
        var block = CliOption.Number("--block", "Context length in characters", d.Model.BlockSize, "a whole number ≥ 8", v => v >= 8);
        var batch = CliOption.Number("--batch", "Windows per batch", d.BatchSize, "a whole number ≥ 1", v => v >= 1);
        var lr = CliOption.Number("--lr", "Peak learning rate", d.Training.LearningRate, "a number > 0", v => v > 0 && float.IsFinite(v));
        var dropout = CliOption.Number("--dropout", "Dropout in training", d.Model.Dropout, "a number in [0, 1)", v => v is >= 0 and < 1);
        var data = new Option<string?>("--data") { Description = "UTF-8 text, one poem per line [default: data/poems/tang.txt]", HelpName = "FILE" };
        var output = CliOption.Text("--out", "Where the checkpoint goes (saved at every evaluation)", Path.Combine("runs", "poems"), "DIR");
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the run saved in DIR [default: --out] from its last checkpoint, exactly as it would have gone on",
            HelpName = "DIR",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var samples = CliOption.Number("--samples", "Poems to print after training", 4, "a whole number ≥ 0", v => v >= 0);
        var temperature = CliOption.Number("--temperature", "Sampling temperature of the poems (0 = greedy)", 0.8f, "a number ≥ 0", v => v >= 0 && float.IsFinite(v));
        var topK = CliOption.Number("--top-k", "Keep only the k most likely characters (0 = all)", 0, "a whole number ≥ 0", v => v >= 0);
        var seed = CliOption.Number("--seed", "Seed for weights, batches, dropout and sampling", d.Model.Seed, "a whole number ≥ 0", _ => true);
        var verbose = CliOption.Flag("--verbose", "Say why CUDA is not used (where its libraries were looked for) even on a machine without an NVIDIA GPU");
        var command = new Command("train", "Train the poem GPT on the bundled Tang poems, save it, and print poems")
        {
            steps, time, layers, heads, embd, block, batch, lr, dropout, data, output, resume, samples, temperature, topK, seed, verbose,
        };
        command.Validators.Add(result =>
        {
            var (e, h) = (result.GetValue(embd), result.GetValue(heads));
            if (h >= 1 && e % h != 0)
            {
                result.AddError($"--embd ({e}) must be divisible by --heads ({h}): each head gets --embd / --heads numbers.");
            }
        });
        command.SetAction(parse =>
        {
            var options = d with
            {
                Model = d.Model with
                {
                    Layers = parse.GetValue(layers),
                    Heads = parse.GetValue(heads),
                    Embd = parse.GetValue(embd),
                    BlockSize = parse.GetValue(block),
                    Dropout = parse.GetValue(dropout),
                    Seed = parse.GetValue(seed),
                },
                Training = d.Training with { LearningRate = parse.GetValue(lr) },
                BatchSize = parse.GetValue(batch),
                TimeBudget = parse.GetValue(time) ?? d.TimeBudget,
                DataFile = parse.GetValue(data),
            };
            if (parse.GetValue(steps) is int fixedSteps)
            {
                options = options.WithSteps(fixedSteps);
            }

            var outDir = parse.GetValue(output)!;
            var sampling = new SamplingOptions { Temperature = parse.GetValue(temperature), TopK = parse.GetValue(topK), Seed = options.Model.Seed };
            var config = parse.InvocationConfiguration;
            var device = DeviceLine.Describe(Device.Auto, NvidiaHardware.ThisMachine, parse.GetValue(verbose));
            if (parse.GetResult(resume) is not null)
            {
                var dir = parse.GetValue(resume) ?? outDir;
                var given = new (Option Option, Func<PoemOptions, object?> Value)[]
                {
                    (layers, o => o.Model.Layers), (heads, o => o.Model.Heads), (embd, o => o.Model.Embd), (block, o => o.Model.BlockSize),
                    (dropout, o => o.Model.Dropout), (seed, o => o.Model.Seed), (lr, o => o.Training.LearningRate), (batch, o => o.BatchSize),
                    (data, o => o.DataFile), (steps, o => o.TimeBudget is null ? o.Training.Steps : null), (time, o => o.TimeBudget),
                };
                return Resume(dir, options, given.Where(g => parse.GetResult(g.Option) is { Implicit: false }).ToArray(), parse.GetValue(samples), sampling, device, config.Output, config.Error);
            }

            var recipe = NewRecipe(options);
            AtomicDirectory.EnsureWritable(outDir, recipe.CheckpointBytes, PoemGpt.IsCheckpointFolder);
            return Run(recipe, recipe.CreateTrainer(), outDir, parse.GetValue(samples), sampling, device, config.Output, config.Error);
        });
        return command;
    }

    private static PoemGpt NewRecipe(PoemOptions options) =>
        options.DataFile is { } file && !File.Exists(file) ? throw new UsageException($"--data: no file at '{file}'.") : new PoemGpt(options);

    /// <summary>Continues the run saved in <paramref name="dir"/>, refusing options that would make it another run.</summary>
    private static int Resume(string dir, PoemOptions asked, (Option Option, Func<PoemOptions, object?> Value)[] given, int samples, SamplingOptions sampling, string device, TextWriter output, TextWriter error)
    {
        var record = Checkpoint.ReadTraining(dir);
        var saved = PoemGpt.OptionsOf(record);
        foreach (var (option, value) in given)
        {
            if (!Equals(value(asked), value(saved)))
            {
                throw new UsageException($"{option.Name} {value(asked)} differs from the run saved in '{dir}' ({value(saved) ?? "not set"}): a resumed run keeps its settings. Leave out {option.Name} to continue it, or train anew with another --out.");
            }
        }

        if (record.Step >= record.Options.Steps)
        {
            output.WriteLine($"The run in {dir} has finished: {record.Step} of {record.Options.Steps} steps. Nothing to continue.");
            return LlmCommand.Ok;
        }

        var recipe = NewRecipe(saved);
        AtomicDirectory.EnsureWritable(dir, recipe.CheckpointBytes, PoemGpt.IsCheckpointFolder);
        var trainer = recipe.Resume(dir, record);
        output.WriteLine($"Resuming {dir} after step {trainer.Step} of {trainer.Options.Steps} ({TrainingProgress.Format(trainer.TimeSpent)} trained so far) on {device}.");
        return Run(recipe, trainer, dir, samples, sampling with { Seed = saved.Model.Seed }, device, output, error);
    }

    private static int Run(PoemGpt recipe, Trainer trainer, string outDir, int samples, SamplingOptions sampling, string device, TextWriter output, TextWriter error)
    {
        var options = recipe.Options;
        var shape = options.Model;
        if (trainer.Step == 0)
        {
            output.WriteLine($"Poem GPT: {recipe.Model.ParameterCount():N0} parameters (L={shape.Layers}, H={shape.Heads}, C={shape.Embd}, T={shape.BlockSize}, V={recipe.Tokenizer.VocabSize}) on {device}");
            output.WriteLine($"Training text: {recipe.TrainTokenCount:N0} characters; batch {options.BatchSize}×{shape.BlockSize}");
            output.WriteLine($"Training for {(options.TimeBudget is { } budget ? $"about {trainer.Options.Steps} steps (fitted to a {TrainingProgress.Format(budget)} budget, refitted to the pace as it goes)" : $"{trainer.Options.Steps} steps")}; checkpoint → {outDir} at every evaluation");
        }

        var progress = new ProgressLine();
        trainer.OnProgress = progress.Report;
        trainer.OnCheckpoint = _ => recipe.Save(outDir, trainer);
        var clock = Stopwatch.StartNew();
        var stepsBefore = trainer.Step;
        using (var interruption = new Interruption(error, "finishing this step and saving"))
        {
            trainer.Run(interruption.Token);
        }

        progress.End();
        if (trainer.Stopped)
        {
            output.WriteLine($"Stopped after step {trainer.Step} of {trainer.Options.Steps}; saved to {outDir}. Continue with: llm train --resume {outDir}");
            return Interruption.ExitCode;
        }

        var tokensPerSecond = (trainer.Step - stepsBefore) * options.BatchSize * shape.BlockSize / clock.Elapsed.TotalSeconds;
        var validation = trainer.ValidationHistory.Count > 0 ? trainer.ValidationHistory[^1].Loss : recipe.ValidationLoss();
        output.WriteLine($"Done in {TrainingProgress.Format(clock.Elapsed)}: {trainer.Step - stepsBefore} steps, final validation loss {validation:F4}, {tokensPerSecond:N0} tokens/s. Saved to {outDir}");
        output.WriteLine();
        for (var i = 0; i < samples; i++)
        {
            output.Write($"  {i + 1}. ");
            foreach (var piece in recipe.StreamPoem("", sampling with { Seed = sampling.Seed + (ulong)i }))
            {
                output.Write(piece);
                output.Flush();
            }

            output.WriteLine();
        }

        return LlmCommand.Ok;
    }
}
