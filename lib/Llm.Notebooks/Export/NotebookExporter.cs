using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;
using Microsoft.DotNet.Interactive.Documents;

namespace Llm.Notebooks.Export;

/// <summary>
/// Writes a notebook as a .NET 10 file-based app (`dotnet run notebook.cs`): markdown cells become
/// comments, C# cells top-level statements in order. What a script allows and a program does not
/// is rewritten: usings move to the top, types to the end, a name declared again in a later cell
/// is renamed (<see cref="ExportRenames"/>), a method a type calls moves to a static class
/// (<see cref="HoistedMethods"/>), a cell's last value is passed to display(...), and
/// #r "x.dll" becomes #:project for the library's project (<see cref="LibraryProject"/>).
/// </summary>
public static class NotebookExporter
{
    /// <summary>Exports the notebook file; the app goes next to it with the extension .cs unless <paramref name="outputPath"/> says otherwise.</summary>
    public static string ExportFile(string notebookPath, string? outputPath = null)
    {
        var notebook = Path.GetFullPath(notebookPath);
        var output = Path.GetFullPath(outputPath ?? Path.ChangeExtension(notebook, ".cs"));
        var text = ToFileBasedApp(NotebookFile.Read(notebook), Path.GetDirectoryName(notebook)!, Path.GetDirectoryName(output)!, Path.GetFileName(notebook));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, text);
        return output;
    }

    public static string ToFileBasedApp(InteractiveDocument notebook, string notebookDirectory, string outputDirectory, string notebookName)
    {
        var cells = Compile(notebook, notebookDirectory);
        var compilations = cells.Select(c => (c.Tree, c.Script.GetCompilation())).ToList();
        var renames = ExportRenames.Find(compilations);
        var hoisted = HoistedMethods.Find(compilations);
        var projects = new List<string>();
        var usings = new List<string>();
        var body = new StringBuilder();
        var types = new StringBuilder();
        var functions = new StringBuilder();
        var codeNumber = 0;
        for (var index = 0; index < notebook.Elements.Count; index++)
        {
            var cell = notebook.Elements[index];
            if (NotebookFile.IsMarkdown(cell))
            {
                body.Append(Comment(cell.Contents)).Append('\n');
                continue;
            }

            codeNumber++;
            if (!NotebookFile.IsCSharp(notebook, cell))
            {
                body.Append($"// Code cell {codeNumber} is a '{NotebookFile.KernelNameOf(notebook, cell)}' cell, not C#; it is not part of this app:\n")
                    .Append(Comment(cell.Contents)).Append('\n');
            }
            else
            {
                var compiled = cells.Single(c => c.CellIndex == index);
                var name = $"code cell {codeNumber} (cell {index + 1} of {notebook.Elements.Count})";
                AddProjects(compiled.Code, notebookDirectory, outputDirectory, name, projects);
                var cellNumber = cells.IndexOf(compiled);
                var moved = hoisted.Where(h => h.Cell == cellNumber).Select(h => h.Span).ToHashSet();
                Emit(compiled, renames[cellNumber], moved, name, usings, body, types, functions);
            }
        }

        return ExportedApp.Compose(notebookName, Path.GetRelativePath(outputDirectory, notebookDirectory), projects, usings, body.ToString(), types.ToString(), functions.ToString());
    }

    private sealed record CompiledCell(int CellIndex, string Code, Script Script, SyntaxTree Tree);

    /// <summary>Every C# cell as the runner would compile it (a chain of submissions), for the compiler's view of names and values.</summary>
    private static List<CompiledCell> Compile(InteractiveDocument notebook, string notebookDirectory)
    {
        var options = ScriptSetup.Options(notebookDirectory);
        var result = new List<CompiledCell>();
        Script previous = ScriptSetup.KernelHelpers(options);
        var codeNumber = 0;
        for (var index = 0; index < notebook.Elements.Count; index++)
        {
            var cell = notebook.Elements[index];
            codeNumber += NotebookFile.IsMarkdown(cell) ? 0 : 1;
            if (!NotebookFile.IsCSharp(notebook, cell))
            {
                continue;
            }

            string code;
            try
            {
                code = CellCode.Prepare(cell.Contents);
            }
            catch (CellRejectedException e)
            {
                throw new InvalidDataException($"code cell {codeNumber} (cell {index + 1} of {notebook.Elements.Count}): {e.Message}");
            }

            var script = previous.ContinueWith(code, options);

            result.Add(new CompiledCell(index, code, script, CellValue.Tree(script)));
            previous = script;
        }

        return result;
    }

    private static void Emit(CompiledCell cell, List<TextEdit> edits, HashSet<TextSpan> moved, string name, List<string> usings, StringBuilder body, StringBuilder types, StringBuilder functions)
    {
        var root = (CompilationUnitSyntax)cell.Tree.GetRoot();
        if (root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Any())
        {
            throw new InvalidDataException($"{name}: {CellCode.HintFor("CS7021")}");
        }

        if (root.GetLoadDirectives().Count > 0)
        {
            throw new InvalidDataException($"{name}: #load cannot be exported (a file-based app is one file): move the loaded code into a cell, or into the library.");
        }

        var errors = cell.Script.GetCompilation().GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{name} does not compile, so it cannot be exported: {CellCode.WithHints(string.Join("\n", errors))}");
        }

        // The kernel shows the value of a last expression without a semicolon; a program must pass it to display.
        if (CellValue.TrailingExpression(cell.Tree) is { } last)
        {
            var span = last.Expression.Span;
            var expression = Apply(cell.Code, span, edits);
            var shows = CellValue.ResultType(cell.Script) is { } type && type.Name != nameof(Microsoft.DotNet.Interactive.Formatting.DisplayedValue);
            edits = [.. edits.Where(e => !span.Contains(e.Span)), new TextEdit(span, shows ? $"display({expression});" : $"{expression};")];
        }

        foreach (var directive in root.Usings.Select(u => Apply(cell.Code, u.Span, edits)))
        {
            if (!usings.Contains(directive) && !ScriptSetup.DefaultImports.Any(i => directive == $"using {i};"))
            {
                usings.Add(directive);
            }
        }

        body.Append($"// --- {name} ---\n");
        var statements = new StringBuilder();
        foreach (var member in root.Members)
        {
            if (member is MethodDeclarationSyntax method && moved.Contains(method.Span))
            {
                // A class in a script calls its static methods only, so the method is static already; it
                // becomes internal to be seen from the rest of the file (inserted after a rename at the same place).
                var start = method.Modifiers.Count > 0 ? method.Modifiers[0].SpanStart : method.ReturnType.SpanStart;
                var function = WithoutDirectives(Apply(cell.Code, member.FullSpan, [.. edits, new TextEdit(new TextSpan(start, 0), "internal ")]));
                functions.Append($"// From {name}.\n").Append(function.Trim('\n')).Append("\n\n");
                continue;
            }

            var text = WithoutDirectives(Apply(cell.Code, member.FullSpan, edits));
            if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
            {
                types.Append($"// From {name}.\n").Append(text.Trim('\n')).Append("\n\n");
            }
            else
            {
                statements.Append(text);
            }
        }

        statements.Append(WithoutDirectives(root.EndOfFileToken.LeadingTrivia.ToFullString()));
        body.Append(statements.ToString().Trim('\n')).Append("\n\n");
    }

    private static void AddProjects(string code, string notebookDirectory, string outputDirectory, string name, List<string> projects)
    {
        foreach (var (_, path) in CellCode.References(code))
        {
            // A bare name (#r "System.Net.Http") is a framework assembly: every app references those already.
            if (!path.Contains('/') && !path.Contains('\\') && !path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var dll = Path.GetFullPath(path, notebookDirectory);
            var project = LibraryProject.Find(dll) ?? throw new InvalidDataException(
                $"{name}: #r \"{path}\": a file-based app cannot reference a DLL, and no {Path.GetFileNameWithoutExtension(dll)}.csproj was found above it to reference with #:project instead.");
            var directive = $"#:project {Path.GetRelativePath(outputDirectory, project).Replace('\\', '/')}";
            if (!projects.Contains(directive))
            {
                projects.Add(directive);
            }
        }
    }

    /// <summary>The text of <paramref name="span"/> with the edits inside it applied, last first so that positions stay valid.</summary>
    private static string Apply(string code, TextSpan span, List<TextEdit> edits)
    {
        var text = new StringBuilder(code[span.Start..span.End]);
        foreach (var edit in edits.Where(e => span.Contains(e.Span)).OrderByDescending(e => e.Span.Start))
        {
            text.Remove(edit.Span.Start - span.Start, edit.Span.Length).Insert(edit.Span.Start - span.Start, edit.NewText);
        }

        return text.ToString();
    }

    /// <summary>Drops the #r lines: the app references projects instead (see the #:project lines at the top).</summary>
    private static string WithoutDirectives(string text) =>
        string.Join("\n", text.Split('\n').Where(line => !line.TrimStart().StartsWith("#r ", StringComparison.Ordinal)));

    private static string Comment(string text) =>
        string.Join("\n", text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(line => line.Length == 0 ? "//" : $"// {line}")) + "\n";
}
