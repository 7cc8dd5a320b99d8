using System.Diagnostics;
using Llm.Nn;
using Llm.Optim;

namespace Llm.Training;

/// <summary>
/// The training loop: for each step, take a batch, compute the loss, backpropagate, clip, and
/// let AdamW update the weights with a warm-up + cosine learning rate. The batch of step s is a
/// function of s alone (the loss function gets the step), so a run resumed from a checkpoint
/// sees exactly the batches, dropout masks and learning rates an uninterrupted run would have.
/// </summary>
public sealed class Trainer
{
    private readonly Module model;
    private readonly Func<int, Tensor> trainLoss;
    private readonly Func<float>? validationLoss;
    private readonly int tokensPerStep;

    /// <param name="model">The model being trained.</param>
    /// <param name="options">Steps, learning rate, schedule, clipping, intervals.</param>
    /// <param name="trainLoss">Builds the loss of the batch for a step (the step picks the batch).</param>
    /// <param name="validationLoss">Mean loss on held-out data (called in evaluation mode, without gradients).</param>
    /// <param name="tokensPerStep">Tokens in one batch, for the tokens/s figure.</param>
    public Trainer(Module model, TrainerOptions options, Func<int, Tensor> trainLoss, Func<float>? validationLoss = null, int tokensPerStep = 0)
    {
        this.model = model;
        Options = options;
        this.trainLoss = trainLoss;
        this.validationLoss = validationLoss;
        this.tokensPerStep = tokensPerStep;
        Schedule = options.Schedule;
        Optimizer = new AdamW(model, Schedule.At(0), options.Beta1, options.Beta2, options.Eps, options.WeightDecay);
    }

    /// <summary>The settings of this run; with <see cref="TrainerOptions.FitStepsToTimeBudget"/>, their step count is the one fitted last (from the end of the warm-up on).</summary>
    public TrainerOptions Options { get; private set; }

    public AdamW Optimizer { get; }

    /// <summary>The learning rate of every step, from <see cref="Options"/>; the trainer sets the optimizer's rate from it before each step.</summary>
    public LearningRateSchedule Schedule { get; private set; }

    /// <summary>The next step to run (0 for a new run; set from a checkpoint to resume).</summary>
    public int Step { get; set; }

    /// <summary>Training loss of every step, for plotting.</summary>
    public List<(int Step, float Loss)> History { get; } = [];

    /// <summary>Validation loss at each evaluation.</summary>
    public List<(int Step, float Loss)> ValidationHistory { get; } = [];

    /// <summary>Called every LogInterval steps and at evaluations.</summary>
    public Action<TrainingProgress>? OnProgress { get; set; }

    /// <summary>
    /// Called to save a checkpoint after the given step has completed: at every evaluation, every
    /// <see cref="TrainerOptions.CheckpointInterval"/> steps, at the end, and when a run is stopped;
    /// never after a NaN loss. A crash then loses at most the steps since the last evaluation.
    /// </summary>
    public Action<int>? OnCheckpoint { get; set; }

    /// <summary>Training time of this run so far, including the time before a resume (restored from the checkpoint): the time budget counts it.</summary>
    public TimeSpan TimeSpent { get; set; }

    /// <summary>True when the last <see cref="Run"/> ended because it was asked to stop, before its last step.</summary>
    public bool Stopped { get; private set; }

    /// <summary>
    /// Runs until Options.Steps or the time budget; returns the last training loss. When
    /// <paramref name="stop"/> is cancelled, the step under way finishes, a checkpoint is saved, and
    /// Run returns with <see cref="Stopped"/> set: <see cref="Step"/> says where to resume.
    /// </summary>
    public float Run(CancellationToken stop = default)
    {
        var clock = Stopwatch.StartNew();
        var spentBefore = TimeSpent;
        var firstStep = Step;
        var last = float.NaN;
        var stepSeconds = new List<double>();
        var fitted = (Step, Time: TimeSpent);
        Stopped = false;
        model.Train();
        while (Step < Options.Steps)
        {
            var stepStart = clock.Elapsed;
            Optimizer.LearningRate = Schedule.At(Step);
            using (Tensor.Step())
            {
                var loss = trainLoss(Step);
                last = loss.Item();
                if (!float.IsFinite(last))
                {
                    throw new TrainingDivergedException(Step, last);
                }

                Optimizer.ZeroGrad();
                loss.Backward();
                if (Options.GradClip > 0f)
                {
                    GradientClipping.ClipGradNorm(model.Parameters(), Options.GradClip);
                }

                Optimizer.Step();
            }

            History.Add((Step, last));
            Step++;
            TimeSpent = spentBefore + clock.Elapsed;
            stepSeconds.Add((clock.Elapsed - stepStart).TotalSeconds);
            if (Options is { FitStepsToTimeBudget: true, TimeBudget: not null } && Step >= Schedule.WarmupSteps)
            {
                FitToTimeBudget(stepSeconds, ref fitted);
            }

            var done = Step - firstStep;
            var outOfTime = Options.TimeBudget is TimeSpan budget && TimeSpent >= budget;
            var isLast = Step == Options.Steps || outOfTime;
            Stopped = stop.IsCancellationRequested && !isLast;
            float? val = null;
            if (validationLoss is not null && !Stopped && Options.EvaluateEvery > 0 && (Step % Options.EvaluateEvery == 0 || isLast))
            {
                val = Evaluate();
                ValidationHistory.Add((Step, val.Value));
            }

            if (OnProgress is not null && (Step % Math.Max(1, Options.LogInterval) == 0 || isLast || val is not null || Stopped))
            {
                var perStep = clock.Elapsed / done;
                var remaining = perStep * (Options.Steps - Step);
                if (Options.TimeBudget is TimeSpan limit && limit - TimeSpent < remaining)
                {
                    remaining = limit - TimeSpent > TimeSpan.Zero ? limit - TimeSpent : TimeSpan.Zero;
                }

                var tokensPerSecond = tokensPerStep * done / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
                OnProgress(new TrainingProgress(Step, Options.Steps, last, Optimizer.LearningRate, tokensPerSecond, TimeSpent, remaining, val));
            }

            if (OnCheckpoint is not null && (isLast || Stopped || val is not null || (Options.CheckpointInterval > 0 && Step % Options.CheckpointInterval == 0)))
            {
                OnCheckpoint(Step);
            }

            if (outOfTime || Stopped)
            {
                break;
            }
        }

        return last;
    }

    /// <summary>
    /// Fits the step count to the time left: at the end of the warm-up from the median pace of the
    /// steps so far (after the first few, which the runtime spends compiling), then every warm-up's
    /// length of steps from the pace since the last fit, evaluations and checkpoints included, so a
    /// machine that slows down or speeds up mid-run still ends its schedule when the budget ends.
    /// </summary>
    private void FitToTimeBudget(List<double> stepSeconds, ref (int Step, TimeSpan Time) fitted)
    {
        if (Step == Schedule.WarmupSteps && stepSeconds.Count >= 4)
        {
            var steady = stepSeconds.Skip(stepSeconds.Count / 4).Order().ToList();
            FitSteps(steady[steady.Count / 2]);
            fitted = (Step, TimeSpent);
        }
        else if (Step - fitted.Step >= Schedule.WarmupSteps && Step < Options.Steps)
        {
            FitSteps((TimeSpent - fitted.Time).TotalSeconds / (Step - fitted.Step));
            fitted = (Step, TimeSpent);
        }
    }

    /// <summary>
    /// Replaces the step count by the one that ends the schedule at the time budget at this pace.
    /// The warm-up, the lowest rate and the evaluation interval are pinned, so only the cosine's
    /// length changes: the rates of the steps taken stay those of the new schedule up to the warm-up's
    /// end, and after it the curve stretches or shrinks by the few steps the pace moved.
    /// </summary>
    private void FitSteps(double secondsPerStep)
    {
        var budget = Options.TimeBudget!.Value;
        var left = (budget - TimeSpent).TotalSeconds;
        var steps = Step + Math.Max(1, (int)(left / secondsPerStep));
        var refitted = Options with { Steps = steps, WarmupSteps = Schedule.WarmupSteps, MinLearningRate = Schedule.MinLr };
        Options = refitted with { EvalInterval = Options.EvalInterval ?? refitted.EvaluateEvery };
        Schedule = Options.Schedule;
    }

    /// <summary>The validation loss, in evaluation mode (dropout off) and without building a graph; the model's mode is then put back.</summary>
    public float Evaluate()
    {
        if (validationLoss is null)
        {
            throw new InvalidOperationException("This trainer was made without a validation loss function.");
        }

        var wasTraining = model.Training;
        model.Eval();
        try
        {
            using (Tensor.NoGrad())
            using (Tensor.Step())
            {
                return validationLoss();
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
    }
}
