using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Llm.Serialization;

namespace Llm.Tests.Cli;

/// <summary>
/// A training run is never lost: Ctrl+C stops after the current step and saves, `--resume` continues
/// to the very weights an uninterrupted run ends with, a second Ctrl+C quits at once, and a folder
/// that cannot take a checkpoint stops the command before the first step. Signals go to a real
/// process; the rest runs in-process.
/// </summary>
public sealed partial class TrainingSafetyTests : IDisposable
{
    private const int SigInt = 2;

    // A small model on a small made-up corpus: a step takes about a millisecond, so a run of a few
    // thousand steps lasts long enough to be interrupted and short enough to be run three times.
    private static readonly string[] Small = ["--layers", "2", "--heads", "2", "--embd", "32", "--block", "32", "--batch", "8", "--samples", "0"];

    private readonly string dir = Directory.CreateTempSubdirectory("llm-safety-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [CtrlCFact]
    public async Task CtrlCSavesAndResumeEndsOnTheWeightsOfAnUninterruptedRun()
    {
        var data = Poems();
        string[] Args(string output) => ["train", "--data", data, "--steps", "3000", "--out", output, .. Small];

        var straight = Cli.Run(Args(Path.Combine(dir, "straight")));
        Assert.Equal(0, straight.ExitCode);

        var stoppedDir = Path.Combine(dir, "stopped");
        var stopped = await RunAndInterrupt(Args(stoppedDir), signals: 1);
        Assert.Equal(130, stopped.ExitCode);
        var at = StoppedAt().Match(stopped.Output);
        Assert.True(at.Success, $"no 'Stopped after step' line in: {stopped.Output}\n{stopped.Error}");
        Assert.InRange(int.Parse(at.Groups[1].Value), 1, 2999);
        Assert.Contains($"Continue with: llm train --resume {stoppedDir}", stopped.Output, StringComparison.Ordinal);
        Assert.Contains("Stopping: finishing this step and saving", stopped.Error, StringComparison.Ordinal);

        var resumed = Cli.Run("train", "--resume", stoppedDir, "--samples", "0");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"Resuming {stoppedDir} after step {at.Groups[1].Value} of 3000", resumed.Output, StringComparison.Ordinal);

        // Bit for bit: the same weights, hence the same final validation loss.
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "straight", "model.safetensors")), File.ReadAllBytes(Path.Combine(stoppedDir, "model.safetensors")));
        Assert.Equal(FinalLoss().Match(straight.Output).Groups[1].Value, FinalLoss().Match(resumed.Output).Groups[1].Value);
    }

    [CtrlCFact]
    public async Task ASecondCtrlCQuitsAtOnce()
    {
        // Steps of about a second: the first Ctrl+C would wait for the step to end and save.
        var run = await RunAndInterrupt(["train", "--data", Poems(), "--steps", "100", "--out", Path.Combine(dir, "quit"), "--batch", "256", "--samples", "0"], signals: 2);

        Assert.Equal(130, run.ExitCode);
        Assert.DoesNotContain("Stopped after step", run.Output, StringComparison.Ordinal);
        Assert.True(run.AfterFirstSignal < TimeSpan.FromSeconds(0.6 * run.SecondsPerStep + 0.5), $"it took {run.AfterFirstSignal.TotalSeconds:F2} s to quit; a step takes {run.SecondsPerStep:F2} s");
    }

    [CtrlCFact]
    public async Task TranslateStopsSavesAndResumesAsTrainDoes()
    {
        string[] Args(string model) => ["translate", "--train", "--steps", "30", "--model", model, "--beam", "1"];
        var straight = Cli.Run(Args(Path.Combine(dir, "straight")));
        Assert.Equal(0, straight.ExitCode);

        var stoppedDir = Path.Combine(dir, "stopped");
        var stopped = await RunAndInterrupt(Args(stoppedDir), signals: 1);
        Assert.Equal(130, stopped.ExitCode);
        Assert.Contains($"Continue with: llm translate --resume --model {stoppedDir}", stopped.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("→", stopped.Output, StringComparison.Ordinal);

        var resumed = Cli.Run("translate", "--resume", "--model", stoppedDir, "--beam", "1");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "straight", "model.safetensors")), File.ReadAllBytes(Path.Combine(stoppedDir, "model.safetensors")));
        Assert.Equal(straight.Output.Split('\n').Last(l => l.Contains('→')), resumed.Output.Split('\n').Last(l => l.Contains('→')));
    }

    [Theory]
    [InlineData("/proc/forbidden", "cannot save to '/proc/forbidden': '/proc' does not accept new files or folders.")]
    [InlineData("/proc/no/such/place", "cannot save to '/proc/no/such/place': '/proc/no/such' cannot be created.")]
    public void AnOutputFolderThatCannotTakeACheckpointStopsTheRunBeforeItsFirstStep(string output, string message)
    {
        var run = Cli.Run(["train", "--data", Poems(), "--steps", "5", "--out", output, .. Small]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"llm train: {message}", run.Error.Trim());
        Assert.DoesNotContain("Training for", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderOfSomethingElseIsNotReplaced()
    {
        var precious = Path.Combine(dir, "precious");
        Directory.CreateDirectory(precious);
        File.WriteAllText(Path.Combine(precious, "thesis.txt"), "years of work");

        var train = Cli.Run(["train", "--data", Poems(), "--steps", "5", "--out", precious, .. Small]);
        var translate = Cli.Run("translate", "--train", "--steps", "2", "--model", precious);

        Assert.Equal(1, train.ExitCode);
        Assert.Contains($"'{precious}' already exists and does not hold a checkpoint", train.Error, StringComparison.Ordinal);
        Assert.Equal(1, translate.ExitCode);
        Assert.Equal("years of work", File.ReadAllText(Path.Combine(precious, "thesis.txt")));
    }

    [Fact]
    public void TooLittleFreeSpaceIsSaidBeforeAnything()
    {
        var error = Assert.Throws<IOException>(() => AtomicDirectory.EnsureWritable(Path.Combine(dir, "run"), 30_000_000, _ => true, _ => 40_000_000));

        Assert.Equal($"cannot save to '{Path.Combine(dir, "run")}': a checkpoint needs about 60.0 MB (the new one beside the old), and its drive has 40.0 MB free.", error.Message);
        AtomicDirectory.EnsureWritable(Path.Combine(dir, "run"), 30_000_000, _ => true, _ => 60_000_000);
    }

    [Fact]
    public void AResumeWithOtherSettingsSaysWhichDiffersAndRefuses()
    {
        var data = Poems();
        var saved = Path.Combine(dir, "saved");
        Assert.Equal(0, Cli.Run(["train", "--data", data, "--steps", "4", "--out", saved, .. Small]).ExitCode);

        var other = Cli.Run("train", "--resume", saved, "--layers", "3");
        var same = Cli.Run("train", "--resume", saved, "--layers", "2");
        var missing = Cli.Run("train", "--resume", Path.Combine(dir, "nothing"));

        Assert.Equal(2, other.ExitCode);
        Assert.StartsWith($"llm train: --layers 3 differs from the run saved in '{saved}' (2): a resumed run keeps its settings.", other.Error, StringComparison.Ordinal);
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("has finished: 4 of 4 steps", same.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Give the folder a run was saved to (the --out of that run).", missing.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs `llm` as a process, sends SIGINT once (or twice, 0.1 s apart) after its first progress line, and waits for it to end.</summary>
    private static async Task<Interrupted> RunAndInterrupt(string[] args, int signals)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Llm.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = new System.Text.StringBuilder();
        var firstStep = Stopwatch.StartNew();
        string? line;
        while ((line = await process.StandardError.ReadLineAsync()) is not null)
        {
            error.AppendLine(line);
            if (line.StartsWith("step ", StringComparison.Ordinal))
            {
                break;
            }
        }

        var secondsPerStep = firstStep.Elapsed.TotalSeconds;
        var sent = Stopwatch.StartNew();
        Assert.Equal(0, Kill(process.Id, SigInt));
        if (signals == 2)
        {
            await Task.Delay(100);
            Assert.Equal(0, Kill(process.Id, SigInt));
        }

        var rest = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var quit = sent.Elapsed;
        error.Append(await rest);
        return new Interrupted(process.ExitCode, await output, error.ToString(), quit, secondsPerStep);
    }

    private string Poems()
    {
        var path = Path.Combine(dir, "poems.txt");
        if (!File.Exists(path))
        {
            // 200 made-up two-line poems of 26 characters: a vocabulary of 30.
            const string characters = "春花秋月何时了往事知多少小楼昨夜又东风故国不堪回首明中";
            var random = new Random(1);
            string Line() => new([.. Enumerable.Range(0, 5).Select(_ => characters[random.Next(characters.Length)])]);
            File.WriteAllLines(path, Enumerable.Range(0, 200).Select(_ => $"{Line()}，{Line()}。{Line()}，{Line()}。"));
        }

        return path;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Stopped after step (\d+) of \d+")]
    private static partial Regex StoppedAt();

    [GeneratedRegex(@"final validation loss ([\d.]+)")]
    private static partial Regex FinalLoss();

    private sealed record Interrupted(int ExitCode, string Output, string Error, TimeSpan AfterFirstSignal, double SecondsPerStep);
}
