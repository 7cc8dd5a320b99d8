using System.Text;

namespace Llm.Notebooks;

/// <summary>
/// Sends Console.Out and Console.Error to a cell's outputs while the cell runs, as the kernel
/// does, and puts the real console back afterwards. The console is one per process: notebooks
/// run one at a time.
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter previousOut = Console.Out;
    private readonly TextWriter previousError = Console.Error;

    public ConsoleCapture(CellOutputSink sink)
    {
        Console.SetOut(new SinkWriter(sink, StreamOutput.StandardOutput));
        Console.SetError(new SinkWriter(sink, StreamOutput.StandardError));
    }

    public void Dispose()
    {
        Console.SetOut(previousOut);
        Console.SetError(previousError);
    }

    private sealed class SinkWriter : TextWriter
    {
        private readonly CellOutputSink sink;
        private readonly string stream;

        public SinkWriter(CellOutputSink sink, string stream)
        {
            this.sink = sink;
            this.stream = stream;

            // Notebooks store "\n" line ends whatever the platform.
            NewLine = "\n";
        }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => sink.Write(stream, value.ToString());

        public override void Write(string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                sink.Write(stream, value);
            }
        }

        public override void Write(char[] buffer, int index, int count) => sink.Write(stream, new string(buffer, index, count));
    }
}
