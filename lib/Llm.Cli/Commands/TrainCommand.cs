using System.CommandLine;
using System.Diagnostics;
using Llm.Cli.Parsing;
using Llm.Generation;
using Llm.Recipes;
using Llm.Training;

namespace Llm.Cli.Commands;

/// <summary>`llm train`: the poem GPT, trained on the bundled Tang poems, then four poems streamed.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var d = new PoemOptions();
        var steps = CliOption.OptionalNumber<int>("--steps", "Optimizer steps [default: as many as fit in --time]", "a whole number ≥ 1", v => v >= 1);
        var time = CliOption.Duration("--time", "Time budget when --steps is not given", d.TimeBudget);
        var layers = CliOption.Number("--layers", "Transformer blocks", d.Layers, "a whole number ≥ 1", v => v >= 1);
        var heads = CliOption.Number("--heads", "Attention heads per block (must divide --embd)", d.Heads, "a whole number ≥ 1", v => v >= 1);
        var embd = CliOption.Number("--embd", "Width of each character's vector", d.Embd, "a whole number ≥ 1", v => v >= 1);
        var block = CliOption.Number("--block", "Context length in characters", d.BlockSize, "a whole number ≥ 8", v => v >= 8);
        var batch = CliOption.Number("--batch", "Windows per batch", d.BatchSize, "a whole number ≥ 1", v => v >= 1);
        var lr = CliOption.Number("--lr", "Peak learning rate", d.LearningRate, "a number > 0", v => v > 0 && float.IsFinite(v));
        var dropout = CliOption.Number("--dropout", "Dropout in training", d.Dropout, "a number in [0, 1)", v => v is >= 0 and < 1);
        var data = new Option<string?>("--data") { Description = "UTF-8 text, one poem per line [default: data/poems/tang.txt]", HelpName = "FILE" };
        var output = CliOption.Text("--out", "Where the checkpoint goes", Path.Combine("runs", "poems"), "DIR");
        var samples = CliOption.Number("--samples", "Poems to print after training", 4, "a whole number ≥ 0", v => v >= 0);
        var temperature = CliOption.Number("--temperature", "Sampling temperature of the poems (0 = greedy)", 0.8f, "a number ≥ 0", v => v >= 0 && float.IsFinite(v));
        var topK = CliOption.Number("--top-k", "Keep only the k most likely characters (0 = all)", 0, "a whole number ≥ 0", v => v >= 0);
        var seed = CliOption.Number("--seed", "Seed for weights, batches, dropout and sampling", d.Seed, "a whole number ≥ 0", _ => true);
        var verbose = CliOption.Flag("--verbose", "Say why CUDA is not used (where its libraries were looked for) even on a machine without an NVIDIA GPU");
        var command = new Command("train", "Train the poem GPT on the bundled Tang poems, save it, and print poems")
        {
            steps, time, layers, heads, embd, block, batch, lr, dropout, data, output, samples, temperature, topK, seed, verbose,
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
            var options = new PoemOptions
            {
                Steps = parse.GetValue(steps),
                TimeBudget = parse.GetValue(time) ?? d.TimeBudget,
                Layers = parse.GetValue(layers),
                Heads = parse.GetValue(heads),
                Embd = parse.GetValue(embd),
                BlockSize = parse.GetValue(block),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                Dropout = parse.GetValue(dropout),
                DataFile = parse.GetValue(data),
                Seed = parse.GetValue(seed),
            };
            var sampling = new SamplingOptions { Temperature = parse.GetValue(temperature), TopK = parse.GetValue(topK), Seed = options.Seed };
            var device = DeviceLine.Describe(Device.Auto, NvidiaHardware.ThisMachine, parse.GetValue(verbose));
            return Run(options, parse.GetValue(output)!, parse.GetValue(samples), sampling, device, parse.InvocationConfiguration.Output);
        });
        return command;
    }

    private static int Run(PoemOptions options, string outDir, int samples, SamplingOptions sampling, string device, TextWriter output)
    {
        if (options.DataFile is { } file && !File.Exists(file))
        {
            throw new UsageException($"--data: no file at '{file}'.");
        }

        var recipe = new PoemGpt(options);
        var model = recipe.Model;
        output.WriteLine($"Poem GPT: {model.ParameterCount():N0} parameters (L={options.Layers}, H={options.Heads}, C={options.Embd}, T={options.BlockSize}, V={recipe.Tokenizer.VocabSize}) on {device}");
        output.WriteLine($"Training text: {recipe.TrainTokenCount:N0} characters; batch {options.BatchSize}×{options.BlockSize}");
        var trainer = recipe.CreateTrainer();
        output.WriteLine($"Training for {trainer.Options.Steps} steps{(options.Steps is null ? $" (fitted to a {TrainingProgress.Format(options.TimeBudget)} budget)" : "")}; checkpoint → {outDir}");
        var progress = new ProgressLine();
        trainer.OnProgress = progress.Report;
        trainer.OnCheckpoint = _ => Checkpoint.Save(outDir, model, recipe.Tokenizer, trainer);
        var clock = Stopwatch.StartNew();
        trainer.Run();
        progress.End();
        var tokensPerSecond = trainer.History.Count * options.BatchSize * options.BlockSize / clock.Elapsed.TotalSeconds;
        var validation = trainer.ValidationHistory.Count > 0 ? trainer.ValidationHistory[^1].Loss : recipe.ValidationLoss();
        output.WriteLine($"Done in {TrainingProgress.Format(clock.Elapsed)}: {trainer.History.Count} steps, final validation loss {validation:F4}, {tokensPerSecond:N0} tokens/s. Saved to {outDir}");
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

        return 0;
    }
}
