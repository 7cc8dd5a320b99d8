using Llm.Notebooks;
using Llm.Notebooks.Export;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Llm.Tests.Notebooks;

/// <summary>
/// A name that a notebook may use twice and one program may not. In a notebook, a cell's top-level
/// variables are fields of its submission, and a local inside a loop may hide them; in one program
/// they are all locals of Main, whose scope is the whole body, so a loop's local of the same name is
/// error CS0136 (or CS1931 for a query's range variable). The exporter renames the inner one.
/// Each exported app is compiled here as the program it is (Roslyn, without the SDK: fast).
/// </summary>
public class ExportScopeTests
{
    [Fact]
    public void A_loop_s_local_named_like_a_later_cell_s_variable_is_renamed()
    {
        var app = Export(
            "float[] Scale(float t) => [1 / t, 2 / t];\nforeach (var t in new[] { 1f, 2f })\n{\n    var probs = Scale(t);\n    Console.WriteLine(probs[0]);\n}",
            "var probs = Scale(4f);\nConsole.WriteLine(probs[1]);");

        AssertCompiles(app);
        Assert.Contains("    var probs2 = Scale(t);\n    Console.WriteLine(probs2[0]);", app);
        Assert.Contains("var probs = Scale(4f);\nConsole.WriteLine(probs[1]);", app);
    }

    [Fact]
    public void A_loop_s_local_named_like_an_earlier_cell_s_variable_is_renamed()
    {
        var app = Export(
            "var total = 0;",
            "for (var i = 0; i < 3; i++)\n{\n    var total = i * 2;\n    Console.WriteLine(total);\n}\nConsole.WriteLine(total);");

        AssertCompiles(app);
        Assert.Contains("var total2 = i * 2;\n    Console.WriteLine(total2);\n}\nConsole.WriteLine(total);", app);
    }

    [Fact]
    public void Loop_variables_catch_variables_patterns_and_range_variables_are_renamed_too()
    {
        var app = Export(
            "foreach (var x in new[] { 1, 2 }) { Console.WriteLine(x); }\n" +
            "try { throw new Exception(\"e\"); } catch (Exception e) { Console.WriteLine(e.Message); }\n" +
            "object o = 5;\nif (o is int n) { Console.WriteLine(n); }\n" +
            "Console.WriteLine((from w in new[] { 3 } select w * 2).First());",
            "var x = 1;\nvar e = 2;\nvar w = 3;\nConsole.WriteLine(x + e + w);");

        AssertCompiles(app);
        Assert.Contains("foreach (var x2 in new[] { 1, 2 }) { Console.WriteLine(x2); }", app);
        Assert.Contains("catch (Exception e2) { Console.WriteLine(e2.Message); }", app);
        Assert.Contains("(from w2 in new[] { 3 } select w2 * 2)", app);
    }

    [Fact]
    public void A_lambda_s_or_local_function_s_own_local_keeps_its_name()
    {
        // Since C# 8 a lambda or local function may hide an enclosing local: no rename is needed there.
        var app = Export(
            "Func<int, int> twice = v => { var size = v * 2; return size; };\nint Thrice(int v) { var size = v * 3; return size; }",
            "var size = twice(Thrice(1));\nConsole.WriteLine(size);");

        AssertCompiles(app);
        Assert.Contains("v => { var size = v * 2; return size; }", app);
        Assert.Contains("int Thrice(int v) { var size = v * 3; return size; }", app);
        Assert.DoesNotContain("size2", app);
    }

    [Fact]
    public void A_new_name_is_one_no_cell_uses()
    {
        var app = Export(
            "var probs2 = 1;\nfor (var i = 0; i < 2; i++) { var probs = i; Console.WriteLine(probs + probs2); }",
            "var probs = 3;\nConsole.WriteLine(probs);");

        AssertCompiles(app);
        Assert.Contains("var probs3 = i; Console.WriteLine(probs3 + probs2);", app);
    }

    [Fact]
    public void A_method_a_class_calls_moves_to_a_static_class_with_the_methods_it_calls()
    {
        // Notebook 16's shape: a method written twice (the second is renamed), a class that calls
        // the second, and a helper that the second calls (a class in a script may call its static
        // methods only). In a program a class cannot see Main's local functions (CS8801), so those
        // two move; the first, which no class calls, stays.
        var app = Export(
            "static int Twice(int v) => v * 2;\nConsole.WriteLine(Twice(1));",
            "static int Half(int v) => v / 2;\nstatic int Twice(int v) => Half(v) * 4;",
            "class Doubler { public int Of(int v) => Twice(v); }\nConsole.WriteLine(new Doubler().Of(6) + Twice(2));");

        AssertCompiles(app);
        Assert.Contains("static int Twice(int v) => v * 2;\nConsole.WriteLine(Twice(1));", app);
        Assert.Contains("static class NotebookFunctions\n{\n", app);
        Assert.Contains("internal static int Half(int v) => v / 2;", app);
        Assert.Contains("internal static int Twice2(int v) => Half(v) * 4;", app);
        Assert.Contains("public int Of(int v) => Twice2(v);", app);
        Assert.Contains("using static NotebookFunctions;", app);
    }

    private static string Export(params string[] cells)
    {
        using var folder = new NotebookFolder();
        var notebook = NotebookFile.Create([.. cells.Select(c => NotebookFile.Code(c))]);
        return NotebookExporter.ToFileBasedApp(notebook, folder.Path, folder.Path, "scope.ipynb");
    }

    /// <summary>Compiles the app as a program: the SDK's #: and #! lines left out, the framework as references.</summary>
    private static void AssertCompiles(string app)
    {
        var code = string.Join("\n", app.Split('\n').Select(line => line.StartsWith("#:", StringComparison.Ordinal) || line.StartsWith("#!", StringComparison.Ordinal) ? "" : line));
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = Directory.GetFiles(framework, "System*.dll").Append(Path.Combine(framework, "netstandard.dll"))
            .Where(IsManaged).Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("scope", [CSharpSyntaxTree.ParseText(code)], references, new CSharpCompilationOptions(OutputKind.ConsoleApplication));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n\n" + code);
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
