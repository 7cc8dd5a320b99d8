namespace Llm.Notebooks.Kernel;

/// <summary>
/// A value shown below a cell. <see cref="Update"/> replaces it in place, even from a later cell,
/// so a training loop can redraw one chart instead of printing a hundred; a saved notebook keeps the last one.
/// </summary>
public sealed class DisplayedValue
{
    private readonly CellOutputSink? sink;
    private readonly int index;
    private readonly string[] mimeTypes;

    private DisplayedValue(CellOutputSink? sink, int index, string[] mimeTypes)
    {
        this.sink = sink;
        this.index = index;
        this.mimeTypes = mimeTypes;
    }

    /// <summary>Replaces the displayed value with <paramref name="value"/>, formatted as the first one was.</summary>
    public void Update(object? value)
    {
        var output = ValueFormatter.Format(value, mimeTypes);
        if (sink is null)
        {
            // Outside a notebook run there is nothing to redraw: print the new value.
            Console.WriteLine(TerminalView.Describe(output));
            return;
        }

        sink.Replace(index, output);
    }

    internal static DisplayedValue Show(object? value, string[] mimeTypes) => Add(ValueFormatter.Format(value, mimeTypes), mimeTypes);

    internal static DisplayedValue ShowAs(string content, string mimeType) => Add(DisplayOutput.Of(mimeType, content), [mimeType]);

    private static DisplayedValue Add(DisplayOutput output, string[] mimeTypes)
    {
        var sink = KernelContext.Current;
        if (sink is null)
        {
            Console.WriteLine(TerminalView.Describe(output));
            return new DisplayedValue(null, -1, mimeTypes);
        }

        return new DisplayedValue(sink, sink.Add(output), mimeTypes);
    }
}
