namespace Llm.Cli;

/// <summary>
/// Whether this machine has an NVIDIA GPU, told without any CUDA library: the signs the hardware and
/// the kernel leave. A GPU with no driver at all still shows on the PCI bus (vendor 0x10de, a display
/// controller); a loaded driver adds /proc/driver/nvidia and the /dev/nvidia* device nodes (which the
/// NVIDIA container runtime also passes into containers); WSL has NVIDIA's libcuda under
/// /usr/lib/wsl/lib; Windows has nvcuda.dll in its system folder. The file system is passed in, so a
/// test can make up a machine with a GPU and one without.
/// </summary>
/// <param name="IsWindows">Look for Windows' signs instead of Linux's.</param>
/// <param name="Exists">Whether a file or folder exists.</param>
/// <param name="Entries">The full paths of the entries of a folder (none when it does not exist).</param>
/// <param name="ReadText">A file's text, or null when it cannot be read.</param>
public sealed record NvidiaHardware(bool IsWindows, Func<string, bool> Exists, Func<string, IEnumerable<string>> Entries, Func<string, string?> ReadText)
{
    private const string NvidiaVendor = "0x10de";

    /// <summary>This machine.</summary>
    public static NvidiaHardware ThisMachine { get; } = new(OperatingSystem.IsWindows(), path => File.Exists(path) || Directory.Exists(path), ListEntries, ReadFile);

    /// <summary>The first sign of an NVIDIA GPU (a path, or a PCI device), or null when there is none.</summary>
    public string? Sign()
    {
        if (IsWindows)
        {
            var nvcuda = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.System), "nvcuda.dll");
            return Exists(nvcuda) ? nvcuda : null;
        }

        string[] paths = ["/proc/driver/nvidia", "/dev/nvidiactl", "/dev/nvidia0", "/usr/lib/wsl/lib/libcuda.so.1"];
        if (paths.FirstOrDefault(Exists) is { } path)
        {
            return path;
        }

        // PCI class 0x03xxxx is a display controller (0x0300 VGA, 0x0302 3D, as data-centre GPUs report).
        return Entries("/sys/bus/pci/devices").FirstOrDefault(device =>
            ReadText(device + "/vendor")?.Trim() == NvidiaVendor && ReadText(device + "/class")?.Trim().StartsWith("0x03", StringComparison.Ordinal) == true);
    }

    private static IEnumerable<string> ListEntries(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetFileSystemEntries(folder) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? ReadFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
