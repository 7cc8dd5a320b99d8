namespace Llm.Notebooks.Kernel;

/// <summary>
/// The kernel's extension methods on any value. Cells cannot declare extension methods (Roslyn
/// nests their classes), so they live here; the runner imports this namespace into every cell.
/// </summary>
public static class KernelExtensions
{
    /// <summary>Shows the value below the cell, like display(value).</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => DisplayedValue.Show(value, mimeTypes);

    /// <summary>Shows a string as content of the given MIME type, e.g. "&lt;svg…&gt;".DisplayAs("image/svg+xml").</summary>
    public static DisplayedValue DisplayAs(this string value, string mimeType) => DisplayedValue.ShowAs(value, mimeType);
}
