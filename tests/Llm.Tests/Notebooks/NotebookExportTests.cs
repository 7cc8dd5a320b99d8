using Llm.Notebooks;
using Llm.Notebooks.Export;

namespace Llm.Tests.Notebooks;

/// <summary>
/// A notebook exported as a .NET 10 file-based app: what a script allows and a program does not is
/// rewritten, and the app builds and prints what the notebook shows.
/// </summary>
public class NotebookExportTests
{
    [Fact]
    public void Usings_go_up_types_go_down_and_a_name_declared_again_is_renamed()
    {
        using var folder = new NotebookFolder();
        var path = folder.Save(NotebookFile.Create(
            NotebookFile.Text("# Shapes\n\nSome *text*."),
            NotebookFile.Code($"{folder.ReferenceLine}\nusing Llm;\nusing System.Globalization;\nrecord Box(int Width);\nvar size = 2;\nvar box = new Box(size);"),
            NotebookFile.Code("var size = box.Width * 2; // the second size\nsize"),
            NotebookFile.Code("Console.WriteLine(size)"),
            NotebookFile.Code("Write-Host 'hi'", kernelName: "pwsh")));

        var app = File.ReadAllText(NotebookExporter.ExportFile(path, folder.File("app/shapes.cs")));

        Assert.StartsWith("#!/usr/bin/env dotnet\n", app);
        var project = Path.GetRelativePath(folder.File("app"), Path.Combine(NotebookFolder.RepoRoot, "lib", "Llm", "Llm.csproj")).Replace('\\', '/');
        Assert.Contains($"\n#:project {project}\n", app);
        Assert.DoesNotContain("#r ", app);
        Assert.Contains("Environment.CurrentDirectory = System.IO.Path.GetFullPath(\"..\", ", app);
        Assert.Contains("// # Shapes\n//\n// Some *text*.\n", app);
        Assert.True(app.IndexOf("using System.Globalization;", StringComparison.Ordinal) < app.IndexOf("var size = 2;", StringComparison.Ordinal));
        Assert.Contains("var size2 = box.Width * 2; // the second size\ndisplay(size2);", app);
        Assert.Contains("Console.WriteLine(size2);", app);
        Assert.True(app.IndexOf("record Box(int Width);", StringComparison.Ordinal) > app.IndexOf("Console.WriteLine(size2);", StringComparison.Ordinal));
        Assert.Contains("// Write-Host 'hi'", app);
        Assert.Contains("static class NotebookHelpers", app);
    }

    [Fact]
    public void What_the_runner_rejects_cannot_be_exported_either()
    {
        using var folder = new NotebookFolder();
        var path = folder.Save(NotebookFile.Create(NotebookFile.Code("var a = 1;"), NotebookFile.Code("namespace Shapes { class Box {} }")));

        var error = Assert.Throws<InvalidDataException>(() => NotebookExporter.ExportFile(path));

        Assert.StartsWith("code cell 2 (cell 2 of 2): a cell cannot declare a namespace", error.Message);
    }

    [Fact]
    public void A_DLL_without_a_project_to_reference_is_an_error_that_says_why()
    {
        using var folder = new NotebookFolder();
        var path = folder.Save(NotebookFile.Create(NotebookFile.Code("#r \"libs/Greeter.dll\"\nvar a = 1;")));

        var error = Assert.Throws<InvalidDataException>(() => NotebookExporter.ExportFile(path));

        Assert.Contains("a file-based app cannot reference a DLL, and no Greeter.csproj was found", error.Message);
    }

    [Fact]
    public void The_library_s_DLL_maps_to_its_project()
    {
        Assert.Equal(Path.Combine(NotebookFolder.RepoRoot, "lib", "Llm", "Llm.csproj"), LibraryProject.Find(NotebookFolder.LibraryDll));
    }

    /// <summary>Builds one exported app with the .NET SDK (several seconds): filter it out with --filter Category!=ExportBuild.</summary>
    [Fact]
    [Trait("Category", "ExportBuild")]
    public void An_exported_notebook_builds_as_a_file_based_app_and_prints_what_the_notebook_shows()
    {
        using var folder = new NotebookFolder();
        var name = $"export-{Guid.NewGuid():N}"[..20];
        var notebook = folder.Save(NotebookFile.Create(
            NotebookFile.Text("# Export"),
            NotebookFile.Code($"{folder.ReferenceLine}\nusing Llm;\nrecord Point(int X, int Y);\nvar p = new Point(1, 2);\nConsole.WriteLine(\"hello\");\np"),
            NotebookFile.Code("var p = new Point(3, 4);\nvar shown = display(p);\nshown.Update(Tensor.Zeros(2));\nHTML(\"<b>bold</b>\")"),
            NotebookFile.Code("await Task.Delay(1);\nnew List<int> { 1, 2 }.Display();\nConsole.WriteLine(System.IO.File.Exists(\"export.ipynb\"))")), "export.ipynb");
        var app = NotebookExporter.ExportFile(notebook, folder.File($"{name}.cs"));

        try
        {
            var output = folder.File("out");
            var (built, log) = Dotnet(folder.Path, "build", app, "-c", DotnetCommand.Configuration, "-p:BuildProjectReferences=false", "-o", output);
            Assert.True(built == 0, log);

            // Without building the referenced project the build does not copy the library: copy it, then run.
            foreach (var dll in Directory.GetFiles(Path.GetDirectoryName(NotebookFolder.LibraryDll)!, "*.dll"))
            {
                File.Copy(dll, Path.Combine(output, Path.GetFileName(dll)), overwrite: true);
            }

            var (ran, printed) = Dotnet(NotebookFolder.RepoRoot, Path.Combine(output, $"{name}.dll"));
            Assert.True(ran == 0, printed);
            Assert.Equal("hello\nPoint { X = 1, Y = 2 }\nPoint { X = 3, Y = 4 }\ntensor([0, 0], shape=[2])\nbold\n[1, 2]\nTrue\n", printed);
        }
        finally
        {
            RemoveSdkCache(name);
        }
    }

    private static (int ExitCode, string Output) Dotnet(string directory, params string[] args) => DotnetCommand.Run(directory, args);

    /// <summary>The SDK keeps each file-based app's intermediate files in a folder named after the file: remove this test's.</summary>
    private static void RemoveSdkCache(string name)
    {
        foreach (var root in new[] { Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), Path.GetTempPath() })
        {
            var cache = Path.Combine(root, "dotnet", "runfile");
            if (Directory.Exists(cache))
            {
                foreach (var folder in Directory.GetDirectories(cache, $"{name}-*"))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }
}
