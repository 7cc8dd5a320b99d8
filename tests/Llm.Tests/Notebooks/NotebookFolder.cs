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

    /// <summary>The #r line a notebook in this folder writes for the library: a relative path, as course notebooks do.</summary>
    public string ReferenceLine => $"#r \"{System.IO.Path.GetRelativePath(Path, LibraryDll).Replace('\\', '/')}\"";

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
