using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Llm.Data;
using Llm.Generation;
using Llm.Models;
using Llm.Nn;
using Llm.Tokenizers;
using Llm.Training;

namespace Llm.Recipes;

/// <summary>
/// The course's main job: a character-level GPT trained on Tang poems (one character = one token,
/// one poem per line). The command line and the notebooks share this recipe.
/// </summary>
public sealed class PoemGpt
{
    private readonly int[] trainTokens;
    private readonly int[] validationTokens;

    public PoemGpt(PoemOptions options)
    {
        Options = options;
        var (train, validation) = options.DataFile is null ? TangPoems.Split() : SplitFile(options.DataFile);
        if (!(options.TrainFraction > 0 && options.TrainFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TrainFraction, "TrainFraction is the share of the training poems to use: give a number above 0 and at most 1.");
        }

        var trainText = string.Join('\n', train) + "\n";
        var validationText = string.Join('\n', validation) + "\n";
        Tokenizer = CharTokenizer.FromText(trainText + validationText);   // all poems: every fraction gets the same vocabulary
        var used = train[..Math.Max(1, (int)Math.Round(train.Length * options.TrainFraction))];
        trainTokens = Tokenizer.Encode(string.Join('\n', used) + "\n");
        validationTokens = Tokenizer.Encode(validationText);
        Model = new Gpt(options.Model with { VocabSize = Tokenizer.VocabSize }).To(Device.Auto); // the GPU when there is a usable one, else the CPU
    }

    public PoemOptions Options { get; }

    public CharTokenizer Tokenizer { get; }

    public Gpt Model { get; }

    /// <summary>Characters in the training text.</summary>
    public int TrainTokenCount => trainTokens.Length;

    /// <summary>The loss of the batch for a step: the batch is drawn from a generator seeded by (seed, step).</summary>
    public Tensor TrainLoss(int step)
    {
        var batch = Sample(trainTokens, Generator.Hash(Options.Model.Seed, (ulong)step));
        return Model.Forward(batch.Inputs, batch.Targets, batch.BatchSize, batch.BlockSize).Loss;
    }

    /// <summary>Mean loss over a fixed set of validation batches (the same ones every time, so values compare): <see cref="PoemOptions.ValidationBatches"/> of them unless told otherwise.</summary>
    public float ValidationLoss(int batches = 0)
    {
        batches = batches > 0 ? batches : Options.ValidationBatches;
        var total = 0f;
        for (var i = 0; i < batches; i++)
        {
            var batch = Sample(validationTokens, Generator.Hash(Options.Model.Seed ^ 0x5EED, (ulong)i));
            total += Model.Forward(batch.Inputs, batch.Targets, batch.BatchSize, batch.BlockSize).Loss.Item();
        }

        return total / batches;
    }

    /// <summary>
    /// A trainer for this model. With a time budget, a few timed steps (forward and backward,
    /// weights untouched) first estimate how many steps fit in it, which sets the warm-up; from the
    /// end of the warm-up on the trainer measures its pace again and again and fits the step count
    /// to the time left (<see cref="TrainerOptions.FitStepsToTimeBudget"/>), so a busy stretch at
    /// the start, or later, does not leave the budget half used.
    /// </summary>
    public Trainer CreateTrainer()
    {
        var training = Options.TimeBudget is { } budget
            ? Options.Training with { Steps = EstimateSteps(budget), TimeBudget = budget, FitStepsToTimeBudget = true }
            : Options.Training;
        return CreateTrainer(training);
    }

    /// <summary>A trainer with exactly these settings (a resumed run's, as its checkpoint recorded them).</summary>
    public Trainer CreateTrainer(TrainerOptions training) =>
        new(Model, training, TrainLoss, () => ValidationLoss(), Options.BatchSize * Options.Model.BlockSize);

    /// <summary>
    /// Saves the model, its tokenizer, and, with a trainer, everything a resumed run needs: the
    /// trainer's state and options and these recipe settings (as JSON, under "recipe").
    /// </summary>
    public void Save(string dir, Trainer? trainer = null) =>
        Checkpoint.Save(dir, Model, Tokenizer, trainer, new Dictionary<string, string> { [RecipeKey] = JsonSerializer.Serialize(Options) });

    /// <summary>The recipe settings a checkpoint of this recipe was trained with.</summary>
    public static PoemOptions OptionsOf(TrainingRecord record) =>
        record.Metadata.TryGetValue(RecipeKey, out var json) && JsonSerializer.Deserialize<PoemOptions>(json) is { } options
            ? options
            : throw new InvalidDataException("This checkpoint was not saved by the poem recipe (its training state has no recipe settings): continue it with the code that trained it.");

    /// <summary>
    /// Continues a saved run: this recipe (made with the checkpoint's settings) takes the saved
    /// weights and returns a trainer at the saved step, with AdamW's moments, the dropout counters
    /// and the time spent restored, so the rest of the run is the one an uninterrupted run would have made.
    /// </summary>
    public Trainer Resume(string dir, TrainingRecord record)
    {
        var saved = Checkpoint.LoadTokenizer(dir);
        var ids = Enumerable.Range(0, Tokenizer.VocabSize).ToArray();
        if (saved.VocabSize != Tokenizer.VocabSize || saved.Decode(ids) != Tokenizer.Decode(ids))
        {
            throw new InvalidDataException($"The poems differ from the ones '{dir}' was trained on ({saved.VocabSize:N0} characters then, {Tokenizer.VocabSize:N0} now): continue it with the same --data, or train anew.");
        }

        Model.LoadStateDict(Checkpoint.LoadModel(dir).StateDict());
        var trainer = CreateTrainer(record.Options);
        Checkpoint.RestoreTraining(dir, Model, trainer);
        return trainer;
    }

    /// <summary>Whether a folder holds only what <see cref="Save"/> writes, so a new run may replace it.</summary>
    public static bool IsCheckpointFolder(string dir) =>
        Directory.EnumerateFileSystemEntries(dir).All(f => Path.GetFileName(f) is "config.json" or "model.safetensors" or Checkpoint.TokenizerFile or Checkpoint.TrainingFile);

    /// <summary>About how many bytes a checkpoint of this model takes: the weights and AdamW's two moments, in float32.</summary>
    public long CheckpointBytes => (3L * Model.ParameterCount() * sizeof(float)) + (1 << 20);

    private const string RecipeKey = "recipe";

    /// <summary>
    /// Streams one poem: text pieces as they are generated, until the end of the line (one poem
    /// per line) or <paramref name="maxCharacters"/>. The prompt is the poem's opening characters (may be empty).
    /// </summary>
    public IEnumerable<string> StreamPoem(string prompt, SamplingOptions sampling, int maxCharacters = 80)
    {
        var newline = Tokenizer.Encode("\n")[0];
        var ids = Tokenizer.Encode("\n" + prompt);
        var decoder = Tokenizer.CreateStreamDecoder();
        if (prompt.Length > 0)
        {
            yield return prompt;
        }

        foreach (var id in GptGenerator.Generate(Model, ids, maxCharacters, sampling, useCache: true, stopToken: newline))
        {
            if (id == newline)
            {
                yield break;
            }

            yield return decoder.Push(id);
        }
    }

    /// <summary>
    /// True for a quatrain (绝句): exactly four lines, all five characters or all seven, each ended by a
    /// punctuation mark: "床前明月光，疑是地上霜。举头望明月，低头思故乡。". Two lines, or a fourth
    /// line cut off before its mark, is not a quatrain.
    /// </summary>
    public static bool HasPoemShape(string poem)
    {
        char[] marks = ['，', '。', '？', '！', '；'];
        var text = poem.Trim();
        if (text.Length == 0 || !marks.Contains(text[^1]))
        {
            return false;
        }

        var lines = text.Split(marks);
        // Splitting at the last mark leaves one empty piece after it, so a quatrain gives five pieces.
        return lines.Length == 5 && lines[..4].All(l => l.Length == lines[0].Length) && lines[0].Length is 5 or 7;
    }

    private static (string[] Train, string[] Validation) SplitFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No data file at '{path}': give a UTF-8 text file with one poem per line.", path);
        }

        var lines = File.ReadAllLines(path, Encoding.UTF8).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length < 10)
        {
            throw new InvalidDataException($"'{path}' has only {lines.Length} non-empty lines; give at least 10 poems, one per line.");
        }

        return TrainValidationSplit.Split(lines, 0.1, 618);
    }

    private TokenBatch Sample(int[] tokens, uint seed) =>
        new TokenBatchSampler(tokens, Options.BatchSize, Options.Model.BlockSize, new Generator(seed)).Next();

    private int EstimateSteps(TimeSpan budget)
    {
        // Untimed steps first: the runtime optimises the hot code and the memory pool fills during
        // the first few (measured: 690 ms, then about 110, 85, and a steady 70 from the eighth on),
        // so timing earlier ones fitted half the steps the budget allows. Six timed ones give the pace.
        const int warmup = 8;
        const int timed = 6;
        var clock = new Stopwatch();
        for (var i = 0; i < warmup + timed; i++)
        {
            if (i == warmup)
            {
                clock.Start();
            }

            using (Tensor.Step())
            {
                TrainLoss(i).Backward();
            }
        }

        Model.ZeroGrad();
        var perStep = clock.Elapsed.TotalSeconds / timed * 1.05; // the optimizer adds about 5 %
        return Math.Max(10, (int)(budget.TotalSeconds / perStep));
    }
}
