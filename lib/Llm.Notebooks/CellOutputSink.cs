using System.Text;

namespace Llm.Notebooks;

/// <summary>
/// Collects one cell's outputs in the order they happen: console text and displayed values
/// interleave as they would below the cell. Consecutive writes to one stream merge into one stream
/// output, as the kernel saves them. Thread-safe: a cell may print from several tasks.
/// </summary>
internal sealed class CellOutputSink(List<CellOutput> outputs)
{
    private readonly Lock gate = new();
    private readonly StringBuilder pendingText = new();
    private string? pendingStream;
    private int pendingIndex = -1;

    /// <summary>Appends console text; <paramref name="stream"/> is stdout or stderr.</summary>
    public void Write(string stream, string text)
    {
        lock (gate)
        {
            if (pendingStream != stream || pendingIndex != outputs.Count - 1)
            {
                FlushLocked();
                pendingStream = stream;
                pendingIndex = outputs.Count;
                outputs.Add(new StreamOutput(stream, string.Empty));
            }

            pendingText.Append(text);
        }
    }

    /// <summary>Adds a displayed value or an error; returns its position for later updates.</summary>
    public int Add(CellOutput output)
    {
        lock (gate)
        {
            FlushLocked();
            outputs.Add(output);
            return outputs.Count - 1;
        }
    }

    public void Replace(int index, DisplayOutput display)
    {
        lock (gate)
        {
            outputs[index] = display;
        }
    }

    /// <summary>Stores the text gathered for the last stream output (done before anything else is added, and when the cell ends).</summary>
    public void Flush()
    {
        lock (gate)
        {
            FlushLocked();
        }
    }

    private void FlushLocked()
    {
        if (pendingStream is not null)
        {
            outputs[pendingIndex] = new StreamOutput(pendingStream, pendingText.ToString());
        }

        pendingStream = null;
        pendingIndex = -1;
        pendingText.Clear();
    }
}
