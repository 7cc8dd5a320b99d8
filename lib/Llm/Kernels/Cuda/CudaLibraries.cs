using System.Reflection;
using System.Runtime.InteropServices;

namespace Llm.Kernels;

/// <summary>The outcome of looking for one library: its handle and file, or why it could not be had.</summary>
internal sealed record LibraryLoad(CudaLibraryKind Kind, nint Handle, string? Path, string? Problem)
{
    public bool Loaded => Handle != 0;
}

/// <summary>
/// Loads the CUDA libraries from the candidates of <see cref="CudaLibrarySearch"/> and tells .NET
/// to use them: the P/Invoke declarations name "cuda", "nvrtc" and "cublas", and the resolver
/// installed here maps those names to the handles found (NativeLibrary.SetDllImportResolver).
/// </summary>
internal static class CudaLibraries
{
    private static readonly Dictionary<string, nint> Handles = [];
    private static int resolverInstalled;

    /// <summary>Installs the name resolver for this assembly once; the native binding classes call it from their static constructors.</summary>
    public static void InstallResolver()
    {
        if (Interlocked.Exchange(ref resolverInstalled, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(CudaLibraries).Assembly, Resolve);
        }
    }

    /// <summary>
    /// Finds and loads a library, and makes it the one its logical name resolves to; the result
    /// carries the message to show when none of the candidates loads.
    /// </summary>
    public static LibraryLoad Load(CudaLibraryKind kind, CudaSearchEnvironment env, int driverMajor = int.MaxValue)
    {
        var result = Find(kind, env, driverMajor, TryLoadFile);
        if (result.Loaded)
        {
            lock (Handles)
            {
                Handles[LogicalName(kind)] = result.Handle;
            }
        }

        return result;
    }

    /// <summary>The search itself, with the loader passed in (a test gives a fake one): it returns a handle, or 0 and why not.</summary>
    internal static LibraryLoad Find(CudaLibraryKind kind, CudaSearchEnvironment env, int driverMajor, Func<string, (nint Handle, string? Error)> tryLoad)
    {
        var failures = new List<string>();
        foreach (var candidate in CudaLibrarySearch.Candidates(kind, env, driverMajor))
        {
            var (handle, error) = tryLoad(candidate);
            if (handle != 0)
            {
                return new LibraryLoad(kind, handle, candidate, null);
            }

            if (error is not null)
            {
                failures.Add($"{candidate} exists but did not load ({error})");
            }
        }

        return new LibraryLoad(kind, 0, null, NotFoundMessage(kind, env, driverMajor, failures));
    }

    /// <summary>One message: what was looked for, where, and how to fix it.</summary>
    internal static string NotFoundMessage(CudaLibraryKind kind, CudaSearchEnvironment env, int driverMajor, IReadOnlyList<string> failures)
    {
        var names = string.Join(" / ", CudaLibrarySearch.FileNames(kind, env.IsWindows, driverMajor));
        var dirs = CudaLibrarySearch.Directories(kind, env);
        var where = dirs.Count == 0 ? "the system library path" : $"the system library path, {string.Join(", ", dirs)}";
        var hint = kind switch
        {
            CudaLibraryKind.Driver => "install the NVIDIA driver (a machine without an NVIDIA GPU has none)",
            CudaLibraryKind.Nvrtc => "install the CUDA toolkit or `pip install nvidia-cuda-nvrtc-cu12`, or point CUDA_PATH or " + (env.IsWindows ? "PATH" : "LD_LIBRARY_PATH") + " at it",
            _ => "install the CUDA toolkit or `pip install nvidia-cublas-cu12`, or point CUDA_PATH or " + (env.IsWindows ? "PATH" : "LD_LIBRARY_PATH") + " at it",
        };
        var failed = failures.Count == 0 ? "" : "; " + string.Join("; ", failures);
        return $"{names} ({CudaLibrarySearch.Title(kind)}) not found in {where}{failed}. To fix: {hint}.";
    }

    private static string LogicalName(CudaLibraryKind kind) => kind switch
    {
        CudaLibraryKind.Driver => "cuda",
        CudaLibraryKind.Nvrtc => "nvrtc",
        _ => "cublas",
    };

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        lock (Handles)
        {
            return Handles.TryGetValue(name, out var handle) ? handle : 0;
        }
    }

    // A bare name goes to the system loader; a path is tried only when the file is there, so a
    // missing file is "not found" while a file that fails to load is reported with the loader's error.
    private static (nint Handle, string? Error) TryLoadFile(string candidate)
    {
        var isPath = candidate.Contains('/') || candidate.Contains('\\');
        if (!isPath)
        {
            return (NativeLibrary.TryLoad(candidate, out var byName) ? byName : 0, null);
        }

        if (!File.Exists(candidate))
        {
            return (0, null);
        }

        PreloadCompanions(candidate);
        try
        {
            return (NativeLibrary.Load(candidate), null);
        }
        catch (DllNotFoundException e)
        {
            return (0, e.Message);
        }
        catch (BadImageFormatException e)
        {
            return (0, e.Message);
        }
    }

    // cuBLAS needs cuBLASLt, and NVRTC its builtins library, from the same folder. Loading them
    // first by full path means the folder need not be on the loader's path.
    private static void PreloadCompanions(string path)
    {
        var dir = Path.GetDirectoryName(path);
        var file = Path.GetFileName(path);
        if (dir is null)
        {
            return;
        }

        var patterns = file.StartsWith("libcublas.", StringComparison.Ordinal) ? [file.Replace("libcublas.", "libcublasLt.", StringComparison.Ordinal)]
            : file.StartsWith("cublas64_", StringComparison.OrdinalIgnoreCase) ? [file.Replace("cublas64_", "cublasLt64_", StringComparison.OrdinalIgnoreCase)]
            : file.StartsWith("libnvrtc.", StringComparison.Ordinal) ? ["libnvrtc-builtins.so*"]
            : file.StartsWith("nvrtc64_", StringComparison.OrdinalIgnoreCase) ? ["nvrtc-builtins64_*.dll"]
            : Array.Empty<string>();
        foreach (var pattern in patterns)
        {
            try
            {
                foreach (var companion in Directory.EnumerateFiles(dir, pattern))
                {
                    NativeLibrary.TryLoad(companion, out _);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder we cannot list: the main library's own load will report what is missing.
            }
        }
    }
}
