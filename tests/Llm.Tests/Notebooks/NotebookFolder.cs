using Llm.Notebooks;
using Microsoft.DotNet.Interactive.Documents;

namespace Llm.Tests.Notebooks;

/// <summary>
/// Notebook tests change the process's console, working directory and environment while a notebook
/// runs, so they run alone, after the tests that may run in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection
{
    public const string Name = "Notebooks";
}

/// <summary>A fresh temporary folder for test notebooks, deleted at the end; and the way from it to the built library.</summary>
internal sealed class NotebookFolder : IDisposable
{
    public NotebookFolder()
    {
        Path = Directory.CreateTempSubdirectory("llm-notebooks-").FullName;
    }

    public string Path { get; }

    /// <summary>The repository's root: the first folder above the tests' binaries that holds course.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string LibraryDll => System.IO.Path.Combine(RepoRoot, "artifacts", "lib", "Llm.dll");

    public static string CourseDll => System.IO.Path.Combine(RepoRoot, "artifacts", "lib", "Llm.Course.dll");

    /// <summary>The #r lines a notebook in this folder writes for the engine and the course: relative paths, as course notebooks do.</summary>
    public string ReferenceLine => $"#r \"{Relative(LibraryDll)}\"\n#r \"{Relative(CourseDll)}\"";

    private string Relative(string file) => System.IO.Path.GetRelativePath(Path, file).Replace('\\', '/');

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Save(InteractiveDocument notebook, string name = "test.ipynb")
    {
        var path = File(name);
        NotebookFile.Save(notebook, path);
        return path;
    }

    public static Task<NotebookRunResult> Run(string path, bool quick = false) => new NotebookRunner { Quick = quick }.RunFileAsync(path);

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private static string FindRepoRoot()
    {
        for (var folder = AppContext.BaseDirectory; folder is not null; folder = System.IO.Path.GetDirectoryName(folder))
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(folder, "course.sln")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException($"no course.sln above {AppContext.BaseDirectory}");
    }
}
