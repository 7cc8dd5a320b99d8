using System.Diagnostics;
using Llm.Notebooks.Export;
using Xunit.Abstractions;

namespace Llm.Tests.Notebooks;

/// <summary>
/// The third way into the course, for when no notebook kernel works: every course notebook,
/// exported by `llm notebook export`, builds as a program and runs to the end in quick mode.
/// </summary>
public class ExportedCourseTests(ITestOutputHelper log)
{
    /// <summary>
    /// All seventeen, not a sample. One build of all of them is much faster than seventeen: each app is
    /// turned into a project by the SDK's own `dotnet project convert` (what `dotnet build app.cs`
    /// builds in memory), and one solution builds them in one MSBuild run. The library is the one
    /// the test project already built (<see cref="NotebookFolder.LibraryDll"/>), not built again.
    /// About two minutes on 2 cores: filter it out with --filter Category!=ExportBuild.
    /// </summary>
    [Fact]
    [Trait("Category", "ExportBuild")]
    public async Task Every_course_notebook_exports_to_an_app_that_builds_and_runs_in_quick_mode()
    {
        using var folder = new NotebookFolder();
        var apps = Directory.CreateDirectory(folder.File("apps")).FullName;
        var notebooks = Directory.GetFiles(Path.Combine(NotebookFolder.RepoRoot, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToArray();
        var names = notebooks.Select(Path.GetFileNameWithoutExtension).ToArray();
        Assert.Equal(17, names.Length);
        var clock = Stopwatch.StartNew();

        // Each conversion is a process of its own: it runs while the next notebook is exported.
        var conversions = new List<Task<(int ExitCode, string Output)>>();
        foreach (var (notebook, name) in notebooks.Zip(names))
        {
            var app = NotebookExporter.ExportFile(notebook, Path.Combine(apps, $"{name}.cs"));
            conversions.Add(Task.Run(() => DotnetCommand.Run(apps, ["project", "convert", app, "-o", folder.File($"projects/{name}")])));
        }

        foreach (var (conversion, name) in (await Task.WhenAll(conversions)).Zip(names))
        {
            Assert.True(conversion.ExitCode == 0, $"{name}: dotnet project convert failed:\n{conversion.Output}");
        }

        var solution = string.Concat(names.Select(name => $"  <Project Path=\"{name}/{name}.csproj\" />\n"));
        File.WriteAllText(folder.File("projects/course.slnx"), $"<Solution>\n{solution}</Solution>\n");
        var exported = clock.Elapsed;

        var (built, buildLog) = DotnetCommand.Run(folder.File("projects"), ["build", "course.slnx", "-c", DotnetCommand.Configuration, "-p:BuildProjectReferences=false", "-clp:ErrorsOnly"]);
        Assert.True(built == 0, $"the exported apps do not all build:\n{buildLog}");
        var builtIn = clock.Elapsed - exported;

        // Each app runs from the folder it was exported to, as `dotnet run app.cs` would: it finds the notebook's folder from there.
        var failures = new List<string>();
        foreach (var name in names)
        {
            var dll = folder.File($"projects/{name}/bin/{DotnetCommand.Configuration}/net10.0/{name}.dll");
            var (ran, output) = DotnetCommand.Run(apps, [dll], new Dictionary<string, string> { ["LLM_QUICK"] = "1" }, TimeSpan.FromMinutes(5));
            if (ran != 0)
            {
                failures.Add($"{name}: exit code {ran}\n{string.Join("\n", output.TrimEnd().Split('\n').TakeLast(15))}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {names.Length} exported notebooks failed in quick mode:\n\n{string.Join("\n\n", failures)}");
        log.WriteLine($"exported and converted in {exported.TotalSeconds:F0} s, built in {builtIn.TotalSeconds:F0} s, ran in {(clock.Elapsed - exported - builtIn).TotalSeconds:F0} s");
    }
}
