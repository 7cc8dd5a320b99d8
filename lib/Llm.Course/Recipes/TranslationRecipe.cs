using System.Text.Json;
using Llm.Data;
using Llm.Generation;
using Llm.Models;
using Llm.Serialization;
using Llm.Tokenizers;
using Llm.Training;

namespace Llm.Recipes;

/// <summary>
/// German→English translation with the encoder–decoder Transformer, on the bundled template
/// sentences: word tokenizers for each language, padded batches, training, greedy and beam search.
/// </summary>
public sealed class TranslationRecipe
{
    public const string Pad = "<pad>";
    public const string Bos = "<bos>";
    public const string Eos = "<eos>";
    private const string ModelFile = "model.safetensors";
    private const string ConfigFile = "transformer.json";
    private const string SourceTokenizerFile = "source_tokenizer.json";
    private const string TargetTokenizerFile = "target_tokenizer.json";

    private TranslationRecipe(Transformer model, WordTokenizer source, WordTokenizer target, TranslationSet data, int batchSize)
    {
        (Model, Source, Target, Data, BatchSize) = (model, source, target, data, batchSize);
    }

    public Transformer Model { get; }

    public WordTokenizer Source { get; }

    public WordTokenizer Target { get; }

    public TranslationSet Data { get; }

    public int BatchSize { get; }

    /// <summary>A new, untrained model sized for the bundled sentences.</summary>
    public static TranslationRecipe Create(TransformerConfig? config = null, int batchSize = 32)
    {
        var data = GermanEnglish.Load();
        var all = data.Train.Concat(data.HeldOut).ToArray();
        var source = Vocabulary(all.Select(p => p.German));
        var target = Vocabulary(all.Select(p => p.English));
        var longest = all.Max(p => Math.Max(source.Encode(p.German).Length, target.Encode(p.English).Length)) + 2;
        config = (config ?? new TransformerConfig()) with { SourceVocabSize = source.VocabSize, TargetVocabSize = target.VocabSize, MaxLength = Math.Max(longest, 8) };
        return new TranslationRecipe(new Transformer(config), source, target, data, batchSize);
    }

    /// <summary>The loss of the batch for a step (pairs drawn by a generator seeded with the step).</summary>
    public Tensor TrainLoss(int step)
    {
        var generator = new Generator(Generator.Hash(Model.Config.Seed, (ulong)step));
        var pairs = Enumerable.Range(0, BatchSize).Select(_ => Data.Train[generator.NextInt(Data.Train.Length)]).ToArray();
        return Loss(pairs);
    }

    /// <summary>Mean loss on the held-out pairs (they never appear in training).</summary>
    public float HeldOutLoss() => Loss(Data.HeldOut.Take(128).ToArray()).Item();

    /// <summary>The loss of predicting each English word from the German sentence and the English words before it.</summary>
    public Tensor Loss(IReadOnlyList<TranslationPair> pairs)
    {
        var batch = PaddedBatch.Create(
            pairs.Select(p => Source.Encode(p.German)).ToArray(),
            pairs.Select(p => Target.Encode(p.English)).ToArray(),
            Target.Encode(Bos)[0],
            Target.Encode(Eos)[0],
            Target.Encode(Pad)[0]);
        var mask = Tensor.FromArray(batch.SourcePaddingMask, batch.BatchSize, batch.SourceLength);          // (B, S), 1 = padding
        var memory = Model.Encode(batch.SourceIds, batch.BatchSize, batch.SourceLength, mask);              // (B, S, C)
        var logits = Model.Decode(batch.TargetInputs, batch.BatchSize, batch.TargetLength, memory, mask);   // (B, T, V)
        return logits.CrossEntropy(batch.TargetOutputs, PaddedBatch.IgnoreIndex);
    }

    /// <summary>A trainer with a warm-up and cosine schedule.</summary>
    public Trainer CreateTrainer(int steps, TimeSpan? timeBudget = null) =>
        CreateTrainer(new TrainerOptions
        {
            Steps = steps,
            LearningRate = 2e-3f,
            MinLearningRate = 1e-4f,
            WeightDecay = 0.01f,
            EvalInterval = Math.Max(1, steps / 5),
            LogInterval = 1,
            TimeBudget = timeBudget,
        });

    /// <summary>A trainer with exactly these settings (a resumed run's, as its checkpoint recorded them).</summary>
    public Trainer CreateTrainer(TrainerOptions options) => new(Model, options, TrainLoss, HeldOutLoss, BatchSize * 10);

    /// <summary>Translates a German sentence (beamWidth 1 = greedy).</summary>
    public string Translate(string german, int beamWidth = 4)
    {
        var ids = Translator.BeamSearch(Model, Source.Encode(german), Target.Encode(Bos)[0], Target.Encode(Eos)[0], beamWidth);
        return Target.Decode(ids);
    }

    /// <summary>
    /// Saves the model, its config and both tokenizers into a folder (replaced as a whole); with a
    /// trainer, also its state and options, so that <see cref="Resume"/> can continue the run exactly.
    /// </summary>
    public void Save(string dir, Trainer? trainer = null) =>
        AtomicDirectory.Write(dir, staging =>
        {
            File.WriteAllText(Path.Combine(staging, ConfigFile), JsonSerializer.Serialize(Model.Config));
            Source.Save(Path.Combine(staging, SourceTokenizerFile));
            Target.Save(Path.Combine(staging, TargetTokenizerFile));
            SafeTensors.Save(Path.Combine(staging, ModelFile), Model.StateDict());
            if (trainer is not null)
            {
                Checkpoint.SaveTraining(staging, Model, trainer, new Dictionary<string, string> { ["batch_size"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }
        });

    /// <summary>Continues the run saved in <paramref name="dir"/> (a folder <see cref="Save"/> wrote with its trainer): a trainer at the saved step, everything restored.</summary>
    public Trainer Resume(string dir, TrainingRecord record)
    {
        var trainer = CreateTrainer(record.Options);
        Checkpoint.RestoreTraining(dir, Model, trainer);
        return trainer;
    }

    /// <summary>Whether a folder holds only what <see cref="Save"/> writes, so a new run may replace it.</summary>
    public static bool IsModelFolder(string dir) =>
        Directory.EnumerateFileSystemEntries(dir).All(f => Path.GetFileName(f) is ConfigFile or SourceTokenizerFile or TargetTokenizerFile or ModelFile or Checkpoint.TrainingFile);

    /// <summary>About how many bytes a saved run takes: the weights and AdamW's two moments, in float32.</summary>
    public long CheckpointBytes => (3L * Model.ParameterCount() * sizeof(float)) + (1 << 20);

    /// <summary>Loads a folder written by <see cref="Save"/>.</summary>
    public static TranslationRecipe Load(string dir, int batchSize = 32)
    {
        dir = AtomicDirectory.Resolve(dir, "Train one first with `llm translate --train`.");
        var config = JsonSerializer.Deserialize<TransformerConfig>(File.ReadAllText(Path.Combine(dir, ConfigFile)))
            ?? throw new InvalidDataException($"'{Path.Combine(dir, ConfigFile)}' is empty.");
        var model = new Transformer(config);
        model.LoadStateDict(SafeTensors.Load(Path.Combine(dir, ModelFile)).Tensors);
        return new TranslationRecipe(model, WordTokenizer.Load(Path.Combine(dir, SourceTokenizerFile)), WordTokenizer.Load(Path.Combine(dir, TargetTokenizerFile)), GermanEnglish.Load(), batchSize);
    }

    /// <summary>Special tokens first, then a space and punctuation, then every word of the sentences in order of first appearance.</summary>
    private static WordTokenizer Vocabulary(IEnumerable<string> sentences)
    {
        var words = new List<string> { Pad, Bos, Eos, " ", ".", ",", "?", "!" };
        var seen = new HashSet<string>(words);
        foreach (var sentence in sentences)
        {
            foreach (var word in sentence.Split([' ', '.', ',', '?', '!'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (seen.Add(word))
                {
                    words.Add(word);
                }
            }
        }

        return WordTokenizer.FromWords(words);
    }
}
