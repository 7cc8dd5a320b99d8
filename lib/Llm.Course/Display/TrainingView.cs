using System.Diagnostics;
using System.Globalization;
using System.Text;
using Llm.Charts;

namespace Llm.Display;

/// <summary>
/// A live view of training for a notebook: a progress line and the loss curves so far.
/// The kernel's display handle belongs to the notebook, so the view is just a value whose HTML is
/// its current state:
/// <code>
/// var view = new TrainingView(totalSteps: 2000);
/// var shown = LiveDisplay.Show(view);
/// for (…) { …; view.Report(step, loss); if (step % 50 == 0) shown.Update(view); }
/// shown.Update(view);
/// </code>
/// Its picture depends only on what was reported (the speed is measured at each report, not when
/// drawn), so drawing it twice gives the same frame: a runner can tell whether the last frame shown
/// is the final one.
/// A step is the number of steps completed, as <see cref="Training.TrainingProgress"/> reports it
/// (1 after the first step, TotalSteps at the end).
/// </summary>
[TypeFormatterSource(typeof(LlmFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed class TrainingView
{
    private readonly List<(int Step, double Loss)> train = [];
    private readonly List<(int Step, double Loss)> validation = [];
    private readonly Stopwatch clock = new();
    private readonly string title;
    private readonly bool logY;
    private int firstStep;
    private TimeSpan elapsed;
    private double? learningRate;
    private string? note;

    /// <param name="totalSteps">Steps planned (0 if unknown), for the percentage and the time left.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="logY">A log axis for the loss, when it falls over orders of magnitude.</param>
    public TrainingView(int totalSteps = 0, string title = "Training", bool logY = false)
    {
        TotalSteps = totalSteps;
        this.title = title;
        this.logY = logY;
    }

    public int TotalSteps { get; }

    /// <summary>The last step reported (−1 before any).</summary>
    public int Step => train.Count == 0 ? -1 : train[^1].Step;

    /// <summary>Records one step: the training loss and, when measured, the validation loss and learning rate.</summary>
    public void Report(int step, double loss, double? validationLoss = null, double? learningRate = null, string? note = null)
    {
        if (train.Count == 0)
        {
            firstStep = step;
            clock.Restart();
        }

        elapsed = clock.Elapsed;
        train.Add((step, loss));
        if (validationLoss is { } v)
        {
            validation.Add((step, v));
        }

        this.learningRate = learningRate ?? this.learningRate;
        this.note = note ?? this.note;
    }

    /// <summary>One line: "step 120/2000 (6%) · loss 2.3456 · val 2.4012 · lr 3e-4 · 35.2 steps/s · 53s left".</summary>
    public string ProgressText()
    {
        if (train.Count == 0)
        {
            return "waiting for the first step…";
        }

        var parts = new List<string>();
        var (step, loss) = train[^1];
        parts.Add(TotalSteps > 0 ? $"step {step}/{TotalSteps} ({100.0 * step / TotalSteps:0}%)" : $"step {step}");
        parts.Add($"loss {Number(loss)}");
        if (validation.Count > 0)
        {
            parts.Add($"val {Number(validation[^1].Loss)}");
        }

        if (learningRate is { } lr)
        {
            parts.Add("lr " + lr.ToString("0.###e0", CultureInfo.InvariantCulture));
        }

        var seconds = elapsed.TotalSeconds;
        var done = step - firstStep;
        if (done > 0 && seconds > 0)
        {
            var rate = done / seconds;
            parts.Add(rate.ToString(rate >= 10 ? "0" : "0.0#", CultureInfo.InvariantCulture) + " steps/s");
            if (TotalSteps > 0 && step < TotalSteps)
            {
                parts.Add(Duration((TotalSteps - step) / rate) + " left");
            }
        }

        if (note is not null)
        {
            parts.Add(note);
        }

        return string.Join(" · ", parts);
    }

    /// <summary>The loss curves so far (null before the first step).</summary>
    public LineChart? Chart()
    {
        if (train.Count == 0)
        {
            return null;
        }

        var chart = new LineChart()
            .Add("train", train.Select(p => p.Step), train.Select(p => p.Loss))
            .Title(title).XLabel("step").YLabel("loss").LogY(logY);
        return validation.Count > 0
            ? chart.Add("validation", validation.Select(p => p.Step), validation.Select(p => p.Loss))
            : chart;
    }

    /// <summary>The current state: the progress line above the chart (an inline SVG, no script).</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"llm-training\">");
        html.Append("<div style=\"font-family:monospace;font-size:13px;margin-bottom:4px\">")
            .Append(Html.Escape(ProgressText()))
            .Append("</div>");
        if (Chart() is { } chart && train.Any(p => double.IsFinite(p.Loss)))
        {
            html.Append(chart.ToSvg());
        }

        return html.Append("</div>").ToString();
    }

    public override string ToString() => ProgressText();

    private static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Duration(double seconds)
    {
        var time = TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
        return time.TotalHours >= 1 ? $"{(int)time.TotalHours}h {time.Minutes:00}m"
            : time.TotalMinutes >= 1 ? $"{time.Minutes}m {time.Seconds:00}s"
            : $"{time.Seconds}s";
    }
}
