using Llm.Training;

namespace Llm.Cli;

/// <summary>A live progress bar on the terminal (redrawn in place), or plain lines when the output is a file.</summary>
public sealed class ProgressLine
{
    private readonly bool live = !Console.IsErrorRedirected;
    private DateTime lastPlain = DateTime.MinValue;

    public void Report(TrainingProgress p)
    {
        const int width = 24;
        var filled = (int)Math.Round(width * (double)p.Step / Math.Max(1, p.TotalSteps));
        var bar = new string('█', filled) + new string('░', width - filled);
        var line = $"{bar} {p}";
        if (live)
        {
            Console.Error.Write("\r" + line.PadRight(Math.Max(0, SafeWidth() - 1))[..Math.Min(line.Length, Math.Max(20, SafeWidth() - 1))]);
            if (p.ValidationLoss is not null || p.Step == p.TotalSteps)
            {
                Console.Error.WriteLine();
            }
        }
        else if (p.ValidationLoss is not null || p.Step == p.TotalSteps || DateTime.UtcNow - lastPlain > TimeSpan.FromSeconds(15))
        {
            lastPlain = DateTime.UtcNow;
            Console.Error.WriteLine(p.ToString());
        }
    }

    public void End()
    {
        if (live)
        {
            Console.Error.WriteLine();
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
