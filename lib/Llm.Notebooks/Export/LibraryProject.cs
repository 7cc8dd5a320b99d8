namespace Llm.Notebooks.Export;

/// <summary>
/// Finds the project that builds a referenced DLL. A .NET 10 file-based app cannot reference a DLL
/// (the SDK 10.0.401 knows #:package, #:project, #:property and #:sdk; its #:ref is experimental and
/// takes .cs files, not assemblies), so an exported notebook references the library's project instead.
/// </summary>
public static class LibraryProject
{
    /// <summary>
    /// The .csproj named like the DLL, in lib/, src/ or a folder of that name, in the DLL's folder or
    /// any folder above it (artifacts/lib/Llm.dll → lib/Llm/Llm.csproj); null when there is none.
    /// </summary>
    public static string? Find(string dllPath)
    {
        var name = Path.GetFileNameWithoutExtension(dllPath);
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(dllPath)); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            foreach (var candidate in new[] { Path.Combine(folder, "lib", name), Path.Combine(folder, "src", name), Path.Combine(folder, name), folder })
            {
                var project = Path.Combine(candidate, name + ".csproj");
                if (File.Exists(project))
                {
                    return project;
                }
            }
        }

        return null;
    }
}
