using System.Text;

namespace Llm.Notebooks.Export;

/// <summary>
/// The fixed parts of an exported app around the cells' code: the header (the SDK directives,
/// the kernel's usings, the working directory) and, at the end, what Polyglot Notebooks gives a
/// notebook (display, HTML, Display, DisplayAs) printing plain text. The helpers follow the same
/// TypeFormatterSource convention as the runner, text/plain only, so a value prints as the runner shows it.
/// </summary>
internal static class ExportedApp
{
    public static string Compose(string notebookName, string notebookFolder, List<string> projects, List<string> usings, string body, string types, string functions)
    {
        var app = new StringBuilder();
        app.Append("#!/usr/bin/env dotnet\n")
            .Append($"// {notebookName}, exported by `llm notebook export` as a .NET file-based app: `dotnet run <this file>`.\n")
            .Append("// Markdown cells are comments, C# cells run in order; display(...) prints text (helpers at the end).\n");
        foreach (var project in projects)
        {
            app.Append(project).Append('\n');
        }

        // As in the kernel: only its usings, nullable annotations off, warnings are a script's, not
        // errors, and the JIT rather than native AOT (a file-based app's default), which reflection needs.
        app.Append("#:property ImplicitUsings=disable\n#:property Nullable=disable\n#:property TreatWarningsAsErrors=false\n#:property PublishAot=false\n\n");
        foreach (var import in ScriptSetup.DefaultImports)
        {
            app.Append($"using {import};\n");
        }

        app.Append("using static NotebookHelpers;\n");
        if (functions.Length > 0)
        {
            app.Append("using static NotebookFunctions;\n");
        }

        foreach (var directive in usings)
        {
            app.Append(directive).Append('\n');
        }

        // A file-based app knows its own folder (EntryPointFileDirectoryPath); the notebook's is relative
        // to it. The same code built as a project (`dotnet project convert`) has no such entry: run it
        // from the app's folder then (GetFullPath needs a full base path, so not ".").
        var folder = notebookFolder.Replace('\\', '/');
        var start = "AppContext.GetData(\"EntryPointFileDirectoryPath\") as string ?? Environment.CurrentDirectory";
        app.Append("\n// The notebook runs in its own folder (VS Code starts the kernel there), and so does this app.\n")
            .Append(folder == "." ? $"Environment.CurrentDirectory = {start};\n\n" : $"Environment.CurrentDirectory = System.IO.Path.GetFullPath(\"{folder}\", {start});\n\n")
            .Append(body);
        if (types.Length > 0)
        {
            app.Append("// Types declared in the notebook's cells (a program declares them after its statements).\n\n").Append(types);
        }

        if (functions.Length > 0)
        {
            // Not indented: a method may hold a multi-line string, whose text indenting would change.
            app.Append("// Methods of the cells that a type calls: a type cannot see the statements' local functions, so they live here.\n")
                .Append("static class NotebookFunctions\n{\n").Append(functions.ToString().TrimEnd('\n')).Append("\n}\n\n");
        }

        return app.Append(Helpers).Append('\n').ToString();
    }

    private const string Helpers = """
        #nullable enable

        // ---------------------------------------------------------------------------------------------
        // What Polyglot Notebooks provides to a notebook, for a console: display(...), HTML(...),
        // .Display() and .DisplayAs(...) print the value as text.
        // ---------------------------------------------------------------------------------------------
        static class NotebookHelpers
        {
            public static DisplayedValue display(object? value, params string[] mimeTypes)
            {
                var shown = new DisplayedValue();
                shown.Update(value);
                return shown;
            }

            public static HtmlContent HTML(string html) => new(html);

            public static DisplayedValue Display(this object? value, params string[] mimeTypes) => display(value);

            public static DisplayedValue DisplayAs(this string value, string mimeType) =>
                display(mimeType.StartsWith("image/") ? $"[picture: {mimeType}, {value.Length / 1024 + 1} KB]"
                    : mimeType == "text/html" ? new HtmlContent(value)
                    : value);

            /// <summary>The value as text: its type's text/plain formatter (the TypeFormatterSource convention), else ToString().</summary>
            public static string PlainText(object? value)
            {
                switch (value)
                {
                    case null:
                        return "<null>";
                    case string text:
                        return text;
                    case HtmlContent html:
                        var lines = System.Text.RegularExpressions.Regex.Replace(html.Html, "<(br|/p|/div|/tr|/li|/h[1-6])\\b[^>]*>", "\n");
                        var cells = System.Text.RegularExpressions.Regex.Replace(lines, "</t[dh]>", " ");
                        return System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(cells, "<[^>]*>", "")).Trim();
                }

                for (var type = value.GetType(); type is not null; type = type.BaseType)
                {
                    var attribute = type.GetCustomAttributes(false).FirstOrDefault(a => a.GetType().Name == "TypeFormatterSourceAttribute");
                    if (attribute?.GetType().GetProperty("FormatterSourceType")?.GetValue(attribute) is Type sourceType)
                    {
                        var source = Activator.CreateInstance(sourceType, nonPublic: true);
                        var formatters = sourceType.GetMethod("CreateTypeFormatters")?.Invoke(source, null) as IEnumerable ?? Array.Empty<object>();
                        foreach (var formatter in formatters)
                        {
                            var kind = formatter.GetType();
                            var writer = new System.IO.StringWriter();
                            if (kind.GetProperty("MimeType")?.GetValue(formatter) as string == "text/plain" &&
                                (kind.GetProperty("Type")?.GetValue(formatter) as Type)?.IsInstanceOfType(value) != false &&
                                kind.GetMethod("Format", new[] { typeof(object), typeof(System.IO.TextWriter) })?.Invoke(formatter, new[] { value, writer }) is true)
                            {
                                return writer.ToString();
                            }
                        }

                        break;
                    }
                }

                return value is IEnumerable items
                    ? "[" + string.Join(", ", items.Cast<object?>().Take(20).Select(PlainText)) + "]"
                    : value.ToString() ?? "";
            }
        }

        sealed class DisplayedValue
        {
            public void Update(object? value) => Console.WriteLine(NotebookHelpers.PlainText(value));
        }

        sealed class HtmlContent(string html)
        {
            public string Html { get; } = html;

            public override string ToString() => Html;
        }
        """;
}
