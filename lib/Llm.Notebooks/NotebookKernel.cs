using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Formatting;

namespace Llm.Notebooks;

/// <summary>
/// The C# kernel a notebook runs in: the one `dotnet interactive` builds for VS Code and Jupyter
/// (src/dotnet-interactive/KernelBuilder.cs in dotnet/interactive), without the languages the course
/// does not use (F#, PowerShell, SQL…) and without #r "nuget:" (nothing downloads at run time).
/// </summary>
internal static class NotebookKernel
{
    public static CompositeKernel Create()
    {
        // UseKernelHelpers adds `using static Microsoft.DotNet.Interactive.Kernel;` (display, HTML…);
        // UseValueSharing gives #!share, as in the tool.
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        var kernel = new CompositeKernel();
        kernel.Add(csharp, ["c#", "C#"]);
        kernel.DefaultKernelName = csharp.Name;

        // What KernelBuilder.SetUpFormatters does for VS Code and Jupyter front ends: values as HTML,
        // strings as plain text. The formatter is process-wide, so it is set again for every notebook.
        Formatter.ResetToDefault();
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
        return kernel;
    }
}
