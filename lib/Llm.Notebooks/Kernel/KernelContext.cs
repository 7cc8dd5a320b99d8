namespace Llm.Notebooks.Kernel;

/// <summary>
/// Where display(...) writes: the outputs of the cell that is running. An AsyncLocal, so that it
/// follows the cell's code across awaits and into tasks it starts, and is empty outside a run.
/// </summary>
internal static class KernelContext
{
    private static readonly AsyncLocal<CellOutputSink?> current = new();

    public static CellOutputSink? Current
    {
        get => current.Value;
        set => current.Value = value;
    }
}
