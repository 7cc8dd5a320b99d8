using System.Globalization;
using System.Text.Json;
using Llm.Models;
using Llm.Nn;
using Llm.Serialization;
using Llm.Tokenizers;

namespace Llm.Training;

/// <summary>
/// A checkpoint folder: config.json and model.safetensors (GPT-2's Hugging Face layout),
/// tokenizer.json, and training.safetensors (AdamW's moments and the step, so training resumes
/// exactly). The folder is written beside the old one and swapped in with renames, so a crash at
/// any moment leaves either the previous checkpoint or the new one, never a mix.
/// </summary>
public static class Checkpoint
{
    public const string TokenizerFile = "tokenizer.json";
    public const string TrainingFile = "training.safetensors";

    private const string StepKey = "step";
    private const string OptionsKey = "trainer_options";

    /// <summary>
    /// Saves the model, its tokenizer and, when given, the trainer's state with its options and
    /// <paramref name="metadata"/> (what a recipe needs to rebuild the run, e.g. its settings as JSON).
    /// </summary>
    public static void Save(string dir, Gpt model, ITokenizer tokenizer, Trainer? trainer = null, IReadOnlyDictionary<string, string>? metadata = null) =>
        AtomicDirectory.Write(dir, staging =>
        {
            Gpt2Layout.Save(staging, model);
            tokenizer.Save(Path.Combine(staging, TokenizerFile));
            if (trainer is not null)
            {
                SaveTraining(staging, model, trainer, metadata);
            }
        });

    /// <summary>Loads a model and its tokenizer from a checkpoint folder (ours, or Hugging Face GPT-2 with vocab.json and merges.txt).</summary>
    public static (Gpt Model, ITokenizer Tokenizer) Load(string dir)
    {
        dir = Resolve(dir);
        var model = LoadModel(dir);
        var tokenizer = LoadTokenizer(dir);
        if (tokenizer.VocabSize > model.Config.VocabSize)
        {
            throw new InvalidDataException($"The tokenizer in '{dir}' has {tokenizer.VocabSize} tokens but the model only {model.Config.VocabSize}.");
        }

        return (model, tokenizer);
    }

    /// <summary>
    /// Loads only the model (config.json + model.safetensors): enough for anything that works on
    /// token ids, as Hugging Face's from_pretrained loads a folder without tokenizer files.
    /// </summary>
    public static Gpt LoadModel(string dir) => Gpt2Layout.Load(Resolve(dir)).Model;

    /// <summary>The folder's tokenizer: ours (tokenizer.json) or GPT-2's (vocab.json + merges.txt).</summary>
    public static ITokenizer LoadTokenizer(string dir)
    {
        dir = Resolve(dir);
        var tokenizerPath = Path.Combine(dir, TokenizerFile);
        if (File.Exists(tokenizerPath))
        {
            return Tokenizers.TokenizerFile.Load(tokenizerPath);
        }

        if (File.Exists(Path.Combine(dir, Gpt2Files.VocabFileName)) && File.Exists(Path.Combine(dir, Gpt2Files.MergesFileName)))
        {
            return Gpt2Tokenizer.FromDirectory(dir);
        }

        throw new FileNotFoundException(
            $"'{dir}' has a model but no tokenizer, and text needs one: add GPT-2's {Gpt2Files.VocabFileName} + {Gpt2Files.MergesFileName} " +
            $"(`llm download gpt2` fetches them with the weights) or the course's {TokenizerFile}. Token ids alone need none: `llm score` works without.");
    }

    /// <summary>
    /// Writes the trainer's state into <paramref name="folder"/> (training.safetensors): AdamW's
    /// moments under each parameter's name, the step, AdamW's step count, the dropout counters, the
    /// trainer's options (JSON), the training time so far, and the caller's <paramref name="metadata"/>.
    /// With the weights beside it, that is everything a resumed run needs to continue bit for bit.
    /// </summary>
    public static void SaveTraining(string folder, Module model, Trainer trainer, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = ParameterNames(model);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (param, m, v) in trainer.Optimizer.Moments)
        {
            var name = names[param];
            tensors["exp_avg." + name] = m;
            tensors["exp_avg_sq." + name] = v;
        }

        var saved = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>())
        {
            [StepKey] = trainer.Step.ToString(CultureInfo.InvariantCulture),
            ["adam_step"] = trainer.Optimizer.StepCount.ToString(CultureInfo.InvariantCulture),
            ["dropout_calls"] = string.Join(',', model.Modules().OfType<Dropout>().Select(d => d.Calls.ToString(CultureInfo.InvariantCulture))),
            [OptionsKey] = JsonSerializer.Serialize(trainer.Options),
            ["time_spent_seconds"] = trainer.TimeSpent.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
        };
        SafeTensors.Save(Path.Combine(folder, TrainingFile), tensors, saved);
    }

    /// <summary>
    /// What a checkpoint says about its training run without loading it: the step it stopped after,
    /// the trainer's options, and the caller's metadata. Throws, saying what to do, when the folder holds no training state.
    /// </summary>
    public static TrainingRecord ReadTraining(string dir)
    {
        dir = AtomicDirectory.Resolve(dir, "Give the folder a run was saved to (the --out of that run).");
        var path = Path.Combine(dir, TrainingFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{dir}' holds a model but no training state ({TrainingFile}), so its run cannot be continued: it was saved without one, or by an older version. Train anew with another --out.", path);
        }

        var metadata = SafeTensors.ReadMetadata(path);
        if (!metadata.TryGetValue(OptionsKey, out var json))
        {
            throw new InvalidDataException($"'{path}' does not record the trainer's options, so its run cannot be continued exactly: it was saved by an older version. Train anew with another --out.");
        }

        var options = JsonSerializer.Deserialize<TrainerOptions>(json) ?? throw new InvalidDataException($"'{path}' records no trainer options.");
        return new TrainingRecord(int.Parse(metadata[StepKey], CultureInfo.InvariantCulture), options, metadata);
    }

    /// <summary>Restores AdamW's moments, the step, the dropout counters and the training time saved with the checkpoint.</summary>
    public static void RestoreTraining(string dir, Module model, Trainer trainer)
    {
        var path = Path.Combine(Resolve(dir), TrainingFile);
        var (tensors, metadata) = SafeTensors.Load(path);
        var names = ParameterNames(model);
        foreach (var (param, m, v) in trainer.Optimizer.Moments)
        {
            var name = names[param];
            m.CopyFrom(tensors["exp_avg." + name], name);
            v.CopyFrom(tensors["exp_avg_sq." + name], name);
        }

        trainer.Step = int.Parse(metadata[StepKey], CultureInfo.InvariantCulture);
        trainer.Optimizer.StepCount = int.Parse(metadata["adam_step"], CultureInfo.InvariantCulture);
        if (metadata.TryGetValue("time_spent_seconds", out var seconds))
        {
            trainer.TimeSpent = TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture));
        }

        var calls = metadata["dropout_calls"].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => ulong.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var dropouts = model.Modules().OfType<Dropout>().ToArray();
        for (var i = 0; i < dropouts.Length && i < calls.Length; i++)
        {
            dropouts[i].Calls = calls[i];
        }
    }

    /// <summary>Each parameter tensor's state-dict name, so optimizer moments can be saved under it.</summary>
    private static Dictionary<object, string> ParameterNames(Module model) =>
        model.NamedParameters().ToDictionary(p => (object)p.Tensor, p => p.Name, ReferenceEqualityComparer.Instance);

    private static string Resolve(string dir) =>
        AtomicDirectory.Resolve(dir, "Train one first with `llm train`, or pass --model with a folder that holds config.json and model.safetensors.");
}

/// <summary>A checkpoint's training run, read without loading it: the step it stopped after, the trainer's options, all its metadata.</summary>
public sealed record TrainingRecord(int Step, TrainerOptions Options, IReadOnlyDictionary<string, string> Metadata);
