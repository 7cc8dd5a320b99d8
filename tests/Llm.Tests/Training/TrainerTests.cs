using Llm.Models;
using Llm.Tokenizers;
using Llm.Training;

namespace Llm.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private const int Batch = 4;
    private const int Time = 8;
    private static readonly GptConfig Config = new() { VocabSize = 11, BlockSize = Time, Layers = 1, Heads = 2, Embd = 16, Dropout = 0.1f };
    private readonly string dir = Path.Combine(Path.GetTempPath(), "llm-trainer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        foreach (var d in new[] { dir, dir + ".previous", dir + ".saving" })
        {
            if (Directory.Exists(d))
            {
                Directory.Delete(d, recursive: true);
            }
        }
    }

    [Fact]
    public void ResumingFromACheckpointReproducesTheUninterruptedLosses()
    {
        var options = new TrainerOptions { Steps = 12, LearningRate = 3e-3f, WarmupSteps = 3, EvalInterval = 0, CheckpointInterval = 5 };
        var (straightModel, straight) = NewRun(options);
        straight.Run();

        var (firstModel, first) = NewRun(options);
        first.OnCheckpoint = step =>
        {
            if (step == 5)
            {
                Checkpoint.Save(dir, firstModel, CharTokenizer.FromText("abcdefghijk"), first);
            }
        };
        first.Run();

        var (loaded, _) = Checkpoint.Load(dir);
        var resumedModel = new Gpt(Config);
        resumedModel.LoadStateDict(loaded.StateDict());
        var (_, resumed) = NewRun(options, resumedModel);
        Checkpoint.RestoreTraining(dir, resumedModel, resumed);
        Assert.Equal(5, resumed.Step);
        resumed.Run();

        var expected = straight.History.Skip(5).Select(h => h.Loss).ToArray();
        var actual = resumed.History.Select(h => h.Loss).ToArray();
        Assert.Equal(expected, actual); // bit for bit
    }

    [Fact]
    public void ANanLossStopsTrainingAndKeepsTheLastCheckpoint()
    {
        var model = new Gpt(Config);
        var tokenizer = CharTokenizer.FromText("abcdefghijk");
        var trainer = new Trainer(model, new TrainerOptions { Steps = 10, EvalInterval = 0, CheckpointInterval = 2 }, step =>
        {
            var (_, loss) = model.Forward(Ids(step, 0), Ids(step, 1), Batch, Time);
            return step == 5 ? loss * float.NaN : loss;
        });
        trainer.OnCheckpoint = _ => Checkpoint.Save(dir, model, tokenizer, trainer);
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Run());
        Assert.Equal(5, error.Step);
        Assert.Contains("NaN", error.Message);
        var (saved, _) = Checkpoint.Load(dir);
        Assert.Equal(model.ParameterCount(), saved.ParameterCount());
        Assert.Equal("4", Serialization.SafeTensors.Load(Path.Combine(dir, Checkpoint.TrainingFile)).Metadata["step"]);
    }

    [Fact]
    public void LossFallsAndProgressIsReported()
    {
        var options = new TrainerOptions { Steps = 30, LearningRate = 1e-2f, WarmupSteps = 5, EvalInterval = 10, LogInterval = 5 };
        var (_, trainer) = NewRun(options);
        var reports = new List<TrainingProgress>();
        trainer.OnProgress = reports.Add;
        trainer.Run();
        Assert.True(trainer.History[^1].Loss < trainer.History[0].Loss - 0.3f, $"{trainer.History[0].Loss} -> {trainer.History[^1].Loss}");
        Assert.Equal(3, trainer.ValidationHistory.Count);
        Assert.Contains(reports, r => r.ValidationLoss is not null);
        Assert.All(reports, r => Assert.True(r.TokensPerSecond > 0));
        Assert.StartsWith("step 5/30 | loss ", reports[0].ToString());
    }

    [Fact]
    public void AtTheEndOfTheWarmUpTheStepsAreFittedToTheTimeBudget()
    {
        // 1000 steps planned, but a step takes about 20 ms and the budget is 1.5 s: after the 10
        // warm-up steps the trainer fits the count to the time left (about 70 steps), keeping the
        // warm-up, so the rate after it is the peak, as both schedules have it.
        var options = new TrainerOptions { Steps = 1000, LearningRate = 3e-3f, WarmupSteps = 10, EvalInterval = 0, TimeBudget = TimeSpan.FromSeconds(1.5), FitStepsToTimeBudget = true };
        var model = new Gpt(Config);
        var trainer = new Trainer(model, options, step =>
        {
            Thread.Sleep(20);
            return model.Forward(Ids(step, 0), Ids(step, 1), Batch, Time).Loss;
        });
        trainer.OnCheckpoint = _ => Checkpoint.Save(dir, model, CharTokenizer.FromText("abcdefghijk"), trainer);
        trainer.Run();

        Assert.InRange(trainer.Options.Steps, 20, 80);
        Assert.Equal(10, trainer.Schedule.WarmupSteps);
        Assert.Equal(3e-3f, trainer.Schedule.At(10));
        Assert.True(trainer.Step == trainer.Options.Steps || trainer.TimeSpent >= options.TimeBudget, $"stopped at {trainer.Step} of {trainer.Options.Steps} after {trainer.TimeSpent}");

        // The checkpoint keeps the count fitted last; a resumed run goes on from it and keeps fitting.
        var saved = Checkpoint.ReadTraining(dir).Options;
        Assert.Equal(trainer.Options.Steps, saved.Steps);
        Assert.True(saved.FitStepsToTimeBudget);
    }

    [Fact]
    public void AMachineThatSlowsDownMidRunStillEndsItsScheduleInTheBudget()
    {
        // Steps take about 20 ms through the warm-up, where the count is first fitted (about 70),
        // then 40 ms from step 30 on. Fitted once, the run would reach the budget near step 50 of 70
        // with its learning rate still high; refitted every 10 steps, it ends its cosine on time.
        var options = new TrainerOptions { Steps = 1000, LearningRate = 3e-3f, WarmupSteps = 10, EvalInterval = 0, TimeBudget = TimeSpan.FromSeconds(1.5), FitStepsToTimeBudget = true };
        var model = new Gpt(Config);
        var trainer = new Trainer(model, options, step =>
        {
            Thread.Sleep(step < 30 ? 20 : 40);
            return model.Forward(Ids(step, 0), Ids(step, 1), Batch, Time).Loss;
        });
        trainer.Run();

        // The last stretch after the last fit may end a step or two early or late on a busy machine:
        // 90 % of the schedule and 80 % of the budget tell one fit from many.
        Assert.True(trainer.Step >= 0.9 * trainer.Options.Steps, $"stopped at {trainer.Step} of {trainer.Options.Steps} after {trainer.TimeSpent}");
        Assert.True(trainer.TimeSpent >= 0.8 * options.TimeBudget!.Value, $"used {trainer.TimeSpent} of {options.TimeBudget}");
        Assert.InRange(trainer.Options.Steps, 30, 60);
    }

    [Fact]
    public void EvaluatingPutsTheModelsModeBack()
    {
        // The validation loss is measured with dropout off, whatever the mode; a model in evaluation
        // mode (being used, not trained) must not come back with its dropout on.
        var (model, trainer) = NewRun(new TrainerOptions { Steps = 1, EvalInterval = 0 });
        var inTraining = trainer.Evaluate();
        Assert.True(model.Training);
        model.Eval();
        Assert.Equal(inTraining, trainer.Evaluate());
        Assert.False(model.Training);
    }

    [Fact]
    public void ACorruptCheckpointGivesAClearError()
    {
        var model = new Gpt(Config);
        Checkpoint.Save(dir, model, CharTokenizer.FromText("abcdefghijk"));
        var weights = Path.Combine(dir, "model.safetensors");
        File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..100]);
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(dir));
        Assert.Contains("model.safetensors", error.Message);
    }

    [Fact]
    public void AMissingCheckpointSaysWhatToDo()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => Checkpoint.Load(dir));
        Assert.Contains("llm train", error.Message);
    }

    // A fixed pseudo-random batch per step: the sequence 0..10 read from a step-dependent start, so the model can learn "next = current + 1".
    private static int[] Ids(int step, int shift)
    {
        var g = new Generator((ulong)step);
        var ids = new int[Batch * Time];
        for (var b = 0; b < Batch; b++)
        {
            var start = g.NextInt(11);
            for (var t = 0; t < Time; t++)
            {
                ids[(b * Time) + t] = (start + t + shift) % 11;
            }
        }

        return ids;
    }

    private static (Gpt Model, Trainer Trainer) NewRun(TrainerOptions options, Gpt? model = null)
    {
        model ??= new Gpt(Config);
        var m = model;
        var trainer = new Trainer(m, options, step => m.Forward(Ids(step, 0), Ids(step, 1), Batch, Time).Loss, () => m.Forward(Ids(999, 0), Ids(999, 1), Batch, Time).Loss.Item(), Batch * Time);
        return (m, trainer);
    }
}
