namespace Llm.Notebooks;

/// <summary>
/// The process state a notebook runs in, set for the run and put back afterwards: the working
/// directory is the notebook's folder (as in VS Code), LLM_NOTEBOOK_RUNNER=1 tells the library it
/// runs under this runner, and LLM_QUICK=1 (quick mode) asks notebooks for small training budgets.
/// </summary>
internal sealed class RunEnvironment : IDisposable
{
    public const string QuickVariable = "LLM_QUICK";
    public const string RunnerVariable = "LLM_NOTEBOOK_RUNNER";

    private readonly string previousDirectory = Environment.CurrentDirectory;
    private readonly string? previousQuick = Environment.GetEnvironmentVariable(QuickVariable);
    private readonly string? previousRunner = Environment.GetEnvironmentVariable(RunnerVariable);

    public RunEnvironment(string directory, bool quick)
    {
        Environment.CurrentDirectory = directory;
        Environment.SetEnvironmentVariable(RunnerVariable, "1");
        if (quick)
        {
            Environment.SetEnvironmentVariable(QuickVariable, "1");
        }
    }

    public void Dispose()
    {
        Environment.CurrentDirectory = previousDirectory;
        Environment.SetEnvironmentVariable(QuickVariable, previousQuick);
        Environment.SetEnvironmentVariable(RunnerVariable, previousRunner);
    }
}
