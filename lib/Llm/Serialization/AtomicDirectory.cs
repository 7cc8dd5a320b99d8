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

    /// <summary>
    /// Checks, before any work, that <see cref="Write"/> will be able to put a folder of about
    /// <paramref name="bytes"/> bytes at <paramref name="dir"/>: that its parent can be created and
    /// written to, that <paramref name="dir"/> is not a file nor a folder of something else (Write
    /// replaces it as a whole), and that there is room for the new folder beside the old one. Throws
    /// an <see cref="IOException"/> whose message names the folder and the reason.
    /// </summary>
    /// <param name="isOurs">Whether an existing folder is one this program wrote (and may replace).</param>
    /// <param name="freeBytes">The free space of the drive holding a folder (the real one by default; tests pass their own).</param>
    public static void EnsureWritable(string dir, long bytes, Func<string, bool> isOurs, Func<string, long>? freeBytes = null)
    {
        var full = Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(full))
        {
            throw new IOException($"'{dir}' is a file, not a folder: choose another place to save to.");
        }

        if (Directory.Exists(full) && !isOurs(full))
        {
            throw new IOException($"'{dir}' already exists and does not hold a checkpoint; saving would replace it, so choose another folder.");
        }

        var parent = Path.GetDirectoryName(full) ?? full;
        var probe = Path.Combine(parent, $".{Path.GetFileName(full)}.{Environment.ProcessId}.probe");
        try
        {
            Directory.CreateDirectory(parent);
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The probe's own name would only confuse: say which folder refused, and why if it is known.
            var why = e is UnauthorizedAccessException ? "gives no permission to write" : "does not accept new files or folders";
            throw new IOException($"cannot save to '{dir}': '{parent}' {(Directory.Exists(parent) ? why : "cannot be created")}.", e);
        }

        var free = (freeBytes ?? FreeBytes)(parent);
        var needed = 2 * bytes; // the new folder is written before the old one goes
        if (free < needed)
        {
            throw new IOException($"cannot save to '{dir}': a checkpoint needs about {Megabytes(needed)} (the new one beside the old), and its drive has {Megabytes(free)} free.");
        }
    }

    private static long FreeBytes(string folder) => new DriveInfo(folder).AvailableFreeSpace;

    private static string Megabytes(long bytes) => $"{bytes / 1e6:N1} MB";

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
