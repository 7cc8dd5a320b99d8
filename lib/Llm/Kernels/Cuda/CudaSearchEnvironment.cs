namespace Llm.Kernels;

/// <summary>
/// What the library search looks at: the operating system, environment variables, the home
/// folder and sub-folder listings. Tests pass a made-up one, so the search can be checked on any machine.
/// </summary>
/// <param name="IsWindows">Windows names and folders (nvcuda.dll, CUDA_PATH\bin) instead of Linux ones.</param>
/// <param name="Variable">An environment variable, or null when unset.</param>
/// <param name="Subdirectories">Full paths of the folders directly inside a folder (none when it does not exist).</param>
/// <param name="Home">The user's home folder, if known.</param>
internal sealed record CudaSearchEnvironment(
    bool IsWindows,
    Func<string, string?> Variable,
    Func<string, IEnumerable<string>> Subdirectories,
    string? Home)
{
    /// <summary>This machine.</summary>
    public static CudaSearchEnvironment Current { get; } = new(
        OperatingSystem.IsWindows(),
        Environment.GetEnvironmentVariable,
        ListSubdirectories,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? home : null);

    /// <summary>The separator of lists such as PATH and LD_LIBRARY_PATH.</summary>
    public char ListSeparator => IsWindows ? ';' : ':';

    /// <summary>Joins path parts with this system's separator (not the host's, so a test can fake Windows on Linux).</summary>
    public string Join(params string[] parts)
    {
        var separator = IsWindows ? '\\' : '/';
        return string.Join(separator, parts.Select((p, i) => i == 0 ? p.TrimEnd('/', '\\') : p.Trim('/', '\\')));
    }

    /// <summary>The entries of a list variable (PATH, LD_LIBRARY_PATH, PYTHONPATH), empty ones left out.</summary>
    public IEnumerable<string> ListVariable(string name) =>
        (Variable(name) ?? "").Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Sub-folders of <paramref name="parent"/> whose names start with <paramref name="prefix"/>, newest version first ("cuda-12.8" before "cuda-12.4").</summary>
    public IEnumerable<string> Matching(string parent, string prefix) =>
        Subdirectories(parent)
            .Where(d => LastPart(d).StartsWith(prefix, IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            .OrderByDescending(d => LastPart(d), VersionOrder.Instance);

    private static string LastPart(string path) => path.TrimEnd('/', '\\').Split('/', '\\')[^1];

    private static IEnumerable<string> ListSubdirectories(string path)
    {
        try
        {
            return Directory.Exists(path) ? Directory.GetDirectories(path) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Orders "cuda-12.10" after "cuda-12.9": digit runs compare as numbers.</summary>
    private sealed class VersionOrder : IComparer<string>
    {
        public static readonly VersionOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = Parts(x ?? "");
            var b = Parts(y ?? "");
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var c = long.TryParse(a[i], out var na) && long.TryParse(b[i], out var nb) ? na.CompareTo(nb) : string.CompareOrdinal(a[i], b[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return a.Length.CompareTo(b.Length);
        }

        private static string[] Parts(string s) => System.Text.RegularExpressions.Regex.Split(s, "([0-9]+)").Where(p => p.Length > 0).ToArray();
    }
}
