namespace Llm.Notebooks.Kernel;

/// <summary>
/// The helpers a cell can call without qualification, as in Polyglot Notebooks: the runner hands
/// one instance to Roslyn as the script's globals. The lower-case name is the kernel's.
/// </summary>
public class KernelGlobals
{
    /// <summary>Shows a value below the cell; keep the handle (with var) to replace it later with Update.</summary>
    public DisplayedValue display(object? value, params string[] mimeTypes) => DisplayedValue.Show(value, mimeTypes);

    /// <summary>Marks a string as HTML, so that displaying it renders it rather than printing its markup.</summary>
    public HtmlContent HTML(string content) => new(content);
}
