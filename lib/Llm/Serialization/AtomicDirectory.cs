namespace Llm.Serialization;

/// <summary>
/// Replaces a folder as a whole: the new content is written into "DIR.saving", then the old folder
/// steps aside ("DIR.previous"), the new one takes its name, and the old one is deleted. A crash at
/// any moment leaves the previous folder or the new one, never a mix; <see cref="Resolve"/> finds
/// the previous one if a crash hit between the two renames.
/// </summary>
public static class AtomicDirectory
{
    public static void Write(string dir, Action<string> writeInto)
    {
        var full = Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar);
        var staging = full + ".saving";
        var previous = full + ".previous";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        writeInto(staging);
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }

        if (Directory.Exists(full))
        {
            Directory.Move(full, previous);
        }

        Directory.Move(staging, full);
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    /// <summary>The folder to read: the given one, or the previous one if a crash interrupted a swap.</summary>
    public static string Resolve(string dir, string whatToDo)
    {
        var full = Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(full) && Directory.Exists(full + ".previous"))
        {
            return full + ".previous";
        }

        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"No checkpoint folder at '{dir}'. {whatToDo}");
        }

        return full;
    }
}
