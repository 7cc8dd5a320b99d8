using System.Globalization;
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

    /// <summary>Saves the model, its tokenizer and, when given, the trainer's state.</summary>
    public static void Save(string dir, Gpt model, ITokenizer tokenizer, Trainer? trainer = null) =>
        AtomicDirectory.Write(dir, staging =>
        {
            Gpt2Layout.Save(staging, model);
            tokenizer.Save(Path.Combine(staging, TokenizerFile));
            if (trainer is not null)
            {
                SaveTrainingState(Path.Combine(staging, TrainingFile), model, trainer);
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

    /// <summary>Restores AdamW's moments, the step and the dropout counters saved with the checkpoint.</summary>
    public static void RestoreTraining(string dir, Gpt model, Trainer trainer)
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

        trainer.Step = int.Parse(metadata["step"], CultureInfo.InvariantCulture);
        trainer.Optimizer.StepCount = int.Parse(metadata["adam_step"], CultureInfo.InvariantCulture);
        var calls = metadata["dropout_calls"].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => ulong.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var dropouts = model.Modules().OfType<Dropout>().ToArray();
        for (var i = 0; i < dropouts.Length && i < calls.Length; i++)
        {
            dropouts[i].Calls = calls[i];
        }
    }

    private static void SaveTrainingState(string path, Gpt model, Trainer trainer)
    {
        var names = ParameterNames(model);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (param, m, v) in trainer.Optimizer.Moments)
        {
            var name = names[param];
            tensors["exp_avg." + name] = m;
            tensors["exp_avg_sq." + name] = v;
        }

        var metadata = new Dictionary<string, string>
        {
            ["step"] = trainer.Step.ToString(CultureInfo.InvariantCulture),
            ["adam_step"] = trainer.Optimizer.StepCount.ToString(CultureInfo.InvariantCulture),
            ["dropout_calls"] = string.Join(',', model.Modules().OfType<Dropout>().Select(d => d.Calls.ToString(CultureInfo.InvariantCulture))),
        };
        SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>Each parameter tensor's state-dict name, so optimizer moments can be saved under it.</summary>
    private static Dictionary<object, string> ParameterNames(Gpt model) =>
        model.NamedParameters().ToDictionary(p => (object)p.Tensor, p => p.Name, ReferenceEqualityComparer.Instance);

    private static string Resolve(string dir) =>
        AtomicDirectory.Resolve(dir, "Train one first with `llm train`, or pass --model with a folder that holds config.json and model.safetensors.");
}
