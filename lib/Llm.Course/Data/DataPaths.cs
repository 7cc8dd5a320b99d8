namespace Llm.Data;

/// <summary>
/// Finds the course's bundled <c>data/</c> folder. Notebooks run from <c>notebooks/</c>, tests from
/// deep inside <c>artifacts/</c>, so instead of a fixed relative path we walk up from the current
/// directory and from the library's own location until a folder holds <c>data/poems/tang.txt</c>.
/// </summary>
public static class DataPaths
{
    /// <summary>Environment variable that, when set, names the data folder directly.</summary>
    public const string EnvironmentVariable = "LLM_COURSE_DATA";

    // The file whose presence marks the right folder: any repository checkout has it.
    private static readonly string Marker = Path.Combine("poems", "tang.txt");

    private static readonly Lazy<string> root = new(FindRoot);

    /// <summary>The absolute path of the <c>data/</c> folder.</summary>
    public static string Root => root.Value;

    /// <summary>A path inside the data folder, e.g. <c>DataPaths.File("poems", "tang.txt")</c>.</summary>
    public static string File(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"The course data file '{path}' is missing. Restore it with 'git checkout -- data/'.", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            if (System.IO.File.Exists(Path.Combine(fromEnvironment, Marker)))
            {
                return Path.GetFullPath(fromEnvironment);
            }

            throw new DirectoryNotFoundException(
                $"{EnvironmentVariable} is set to '{fromEnvironment}', but that folder has no {Marker}. " +
                "Point it at the repository's data/ folder, or unset it to search automatically.");
        }

        var starts = new List<string> { Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
        var assemblyFolder = Path.GetDirectoryName(typeof(DataPaths).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyFolder))
        {
            starts.Add(assemblyFolder);
        }

        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (System.IO.File.Exists(Path.Combine(candidate, Marker)))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"Could not find the course's data folder (a folder 'data' containing {Marker}). " +
            $"Searched every parent of: {string.Join(", ", starts.Distinct())}. " +
            "Run from inside a checkout of the course repository, or set the environment variable " +
            $"{EnvironmentVariable} to the path of its data/ folder.");
    }
}
