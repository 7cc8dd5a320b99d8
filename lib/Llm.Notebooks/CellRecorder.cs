using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Llm.Notebooks;

/// <summary>
/// Turns the kernel's events for one cell into the outputs a front end saves, as VS Code does:
/// console text as stream outputs (consecutive writes joined), displayed and returned values as
/// display_data, an update replacing the output with the same display id (in whichever cell of the
/// notebook showed it: <paramref name="displays"/> is the notebook's), a failure as an error.
/// It also notes what a course must not ship, which a front end shows but does not stop on:
/// compiler warnings (saved as stderr, as Jupyter shows them), updates to a display id that no
/// output has (the first frame stays), and a live display whose value changed after its last update
/// (the saved notebook would keep a stale frame).
/// </summary>
internal sealed class CellRecorder(List<InteractiveDocumentOutputElement> outputs, Dictionary<string, CellRecorder.Shown> displays)
{
    private readonly HashSet<string> touched = [];

    public List<string> Problems { get; } = [];

    /// <summary>The failure's message when the cell failed, else null.</summary>
    public string? Failure { get; private set; }

    public void Record(KernelEvent kernelEvent)
    {
        switch (kernelEvent)
        {
            case StandardOutputValueProduced output:
                AppendStream("stdout", PlainText(output.FormattedValues));
                break;
            case StandardErrorValueProduced error:
                AppendStream("stderr", PlainText(error.FormattedValues));
                break;
            case DisplayedValueUpdated updated:
                Update(updated);
                break;
            case ReturnValueProduced { Value: null }:
                // The kernel takes some cells' last statement for a value that is null (a block-bodied
                // local function inside a loop is one); VS Code and Jupyter then show a stray <null>.
                outputs.Add(Display(((DisplayEvent)kernelEvent).FormattedValues));
                AddProblemOnce("the cell shows <null> as its value: end it with a statement (a semicolon), or, if the kernel takes a local function for a value, make it a lambda.");
                break;
            case DisplayedValueProduced or ReturnValueProduced:
                // A cell's value is saved as display_data too, as VS Code saves it.
                var shown = (DisplayEvent)kernelEvent;
                outputs.Add(Display(shown.FormattedValues));
                if (shown.ValueId is { } id)
                {
                    displays[id] = new Shown(outputs, outputs.Count - 1, shown.Value, shown.FormattedValues);
                    touched.Add(id);
                }

                break;
            case DiagnosticsProduced diagnostics:
                RecordWarnings(diagnostics);
                break;
            case CommandFailed failed:
                Failure = CellCode.WithHints(failed.Message);
                outputs.Add(new ErrorElement(Failure, "Error", Failure.Split('\n')));
                break;
        }
    }

    /// <summary>After the cell: every display it showed or updated must show its value as it is now.</summary>
    public void Finish()
    {
        foreach (var shown in touched.Select(id => displays[id]).Where(s => s.Value is not null and not string))
        {
            var mimeTypes = shown.Formatted.Select(f => f.MimeType).ToArray();
            var now = FormattedValue.CreateManyFromObject(shown.Value!, mimeTypes);
            if (!now.Select(f => f.Value).SequenceEqual(shown.Formatted.Select(f => f.Value)))
            {
                Problems.Add($"the {shown.Value!.GetType().Name} shown or updated in this cell changed after its last update, so its output is stale: call Update(…) on its handle after the last change.");
            }
        }
    }

    private void Update(DisplayedValueUpdated updated)
    {
        if (updated.ValueId is not { } id || !displays.TryGetValue(id, out var shown))
        {
            AddProblemOnce("an update named a display id that no output of this notebook has, so the first frame stays: " +
                         "a handle from display(…) cannot update in .NET Interactive 1.0.712001; use Llm.Display.LiveDisplay.Show(…) instead.");
            return;
        }

        shown.Outputs[shown.Index] = Display(updated.FormattedValues);
        displays[id] = shown with { Value = updated.Value, Formatted = updated.FormattedValues };
        touched.Add(id);
    }

    private void RecordWarnings(DiagnosticsProduced diagnostics)
    {
        // Errors arrive as the cell's failure too; warnings only here. Jupyter's front end prints both on stderr.
        foreach (var warning in diagnostics.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).Select(Describe))
        {
            AppendStream("stderr", warning + "\n");
            Problems.Add($"compiler warning {warning}");
        }
    }

    /// <summary>"(1,7): warning CS8632: …", as the compiler writes it (line and column from 1).</summary>
    private static string Describe(Diagnostic warning) =>
        $"({warning.LinePositionSpan.Start.Line + 1},{warning.LinePositionSpan.Start.Character + 1}): warning {warning.Code}: {warning.Message}";

    private void AppendStream(string name, string text)
    {
        if (outputs.Count > 0 && outputs[^1] is TextElement last && last.Name == name)
        {
            outputs[^1] = new TextElement(last.Text + text, name);
        }
        else
        {
            outputs.Add(new TextElement(text, name));
        }
    }

    private static DisplayElement Display(IReadOnlyCollection<FormattedValue> values) =>
        new(values.ToDictionary(v => v.MimeType, v => (object)v.Value));

    private static string PlainText(IReadOnlyCollection<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? string.Empty;

    private void AddProblemOnce(string problem)
    {
        if (!Problems.Contains(problem))
        {
            Problems.Add(problem);
        }
    }

    /// <summary>A displayed value: where its output is (a cell's list and the position in it), the value and its last frame.</summary>
    internal sealed record Shown(List<InteractiveDocumentOutputElement> Outputs, int Index, object? Value, IReadOnlyCollection<FormattedValue> Formatted);
}
