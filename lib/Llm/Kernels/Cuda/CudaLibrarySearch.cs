namespace Llm.Kernels;

/// <summary>The three native libraries the CUDA backend needs.</summary>
internal enum CudaLibraryKind
{
    /// <summary>libcuda / nvcuda.dll: installed with the NVIDIA driver, never with a toolkit.</summary>
    Driver,

    /// <summary>NVRTC, which compiles the kernels at run time.</summary>
    Nvrtc,

    /// <summary>cuBLAS, for matrix products.</summary>
    Cublas,
}

/// <summary>
/// Where the CUDA libraries may be, as an ordered list of candidate files: a pure function of the
/// environment (see <see cref="CudaSearchEnvironment"/>), so tests can check it without a GPU.
/// The places are the ones CUDA installs use: the toolkit (CUDA_PATH, /usr/local/cuda*), the
/// loader path, and the NVIDIA pip wheels PyTorch installs (site-packages/nvidia/cu13/lib for
/// CUDA 13; nvidia/cuda_nvrtc/lib and nvidia/cublas/lib for CUDA 12).
/// </summary>
internal static class CudaLibrarySearch
{
    /// <summary>What the library is, for messages.</summary>
    public static string Title(CudaLibraryKind kind) => kind switch
    {
        CudaLibraryKind.Driver => "the NVIDIA driver's CUDA library",
        CudaLibraryKind.Nvrtc => "NVRTC (the CUDA runtime compiler)",
        _ => "cuBLAS",
    };

    /// <summary>
    /// File names, preferred first: CUDA 13 before 12, except that versions newer than the driver
    /// supports (<paramref name="driverMajor"/>, from cuDriverGetVersion) go last, since they cannot run on it.
    /// </summary>
    public static IReadOnlyList<string> FileNames(CudaLibraryKind kind, bool windows, int driverMajor = int.MaxValue)
    {
        (string Name, int Major)[] names = (kind, windows) switch
        {
            (CudaLibraryKind.Driver, false) => [("libcuda.so.1", 0), ("libcuda.so", 0)],
            (CudaLibraryKind.Driver, true) => [("nvcuda.dll", 0)],
            (CudaLibraryKind.Nvrtc, false) => [("libnvrtc.so.13", 13), ("libnvrtc.so.12", 12), ("libnvrtc.so", 0)],
            (CudaLibraryKind.Nvrtc, true) => [("nvrtc64_130_0.dll", 13), ("nvrtc64_120_0.dll", 12)],
            (CudaLibraryKind.Cublas, false) => [("libcublas.so.13", 13), ("libcublas.so.12", 12)],
            _ => [("cublas64_13.dll", 13), ("cublas64_12.dll", 12)],
        };
        return names.OrderBy(n => n.Major > driverMajor).Select(n => n.Name).ToArray();
    }

    /// <summary>Folders to look in, most specific first; the system's own search by bare name comes after them.</summary>
    public static IReadOnlyList<string> Directories(CudaLibraryKind kind, CudaSearchEnvironment env)
    {
        var dirs = env.IsWindows ? WindowsDirectories(kind, env) : LinuxDirectories(kind, env);
        var comparer = env.IsWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        return dirs.Select(d => d.TrimEnd('/', '\\')).Where(d => d.Length > 0).Distinct(comparer).ToArray();
    }

    /// <summary>Every file to try, in order: each folder with each name, then the bare names for the system loader.</summary>
    public static IReadOnlyList<string> Candidates(CudaLibraryKind kind, CudaSearchEnvironment env, int driverMajor = int.MaxValue)
    {
        var names = FileNames(kind, env.IsWindows, driverMajor);
        var paths = Directories(kind, env).SelectMany(d => names.Select(n => env.Join(d, n)));

        // The driver belongs to the system: its loader knows best, so the bare name goes first there.
        return kind == CudaLibraryKind.Driver ? [.. names, .. paths] : [.. paths, .. names];
    }

    private static IEnumerable<string> LinuxDirectories(CudaLibraryKind kind, CudaSearchEnvironment env)
    {
        if (kind == CudaLibraryKind.Driver)
        {
            // Distribution packages, the NVIDIA container runtime and WSL put libcuda in these.
            return env.ListVariable("LD_LIBRARY_PATH").Concat(
                ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib"]);
        }

        var toolkits = new List<string>();
        foreach (var root in new[] { env.Variable("CUDA_PATH"), env.Variable("CUDA_HOME") })
        {
            if (!string.IsNullOrEmpty(root))
            {
                toolkits.Add(env.Join(root, "lib64"));
                toolkits.Add(env.Join(root, "lib"));
            }
        }

        toolkits.AddRange(env.ListVariable("LD_LIBRARY_PATH"));
        toolkits.Add("/usr/local/cuda/lib64");
        toolkits.AddRange(env.Matching("/usr/local", "cuda-13").Select(d => env.Join(d, "lib64")));
        toolkits.AddRange(env.Matching("/usr/local", "cuda-12").Select(d => env.Join(d, "lib64")));
        toolkits.AddRange(["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64"]);
        return toolkits.Concat(PipWheelDirectories(kind, env, SitePackages(env), "lib"));
    }

    private static IEnumerable<string> WindowsDirectories(CudaLibraryKind kind, CudaSearchEnvironment env)
    {
        if (kind == CudaLibraryKind.Driver)
        {
            return [];
        }

        // CUDA 13 moved the Windows DLLs from bin to bin\x64.
        var toolkits = new List<string>();
        if (env.Variable("CUDA_PATH") is { Length: > 0 } cudaPath)
        {
            toolkits.Add(env.Join(cudaPath, "bin", "x64"));
            toolkits.Add(env.Join(cudaPath, "bin"));
        }

        var programFiles = env.Variable("ProgramFiles") is { Length: > 0 } pf ? pf : @"C:\Program Files";
        var cudaRoot = env.Join(programFiles, "NVIDIA GPU Computing Toolkit", "CUDA");
        foreach (var version in env.Matching(cudaRoot, "v13.").Concat(env.Matching(cudaRoot, "v12.")))
        {
            toolkits.Add(env.Join(version, "bin", "x64"));
            toolkits.Add(env.Join(version, "bin"));
        }

        toolkits.AddRange(env.ListVariable("PATH"));
        return toolkits.Concat(PipWheelDirectories(kind, env, SitePackages(env), "bin"));
    }

    // The NVIDIA wheels: one folder for all of CUDA 13 (nvidia-*-cu13), one per library for CUDA 12.
    private static IEnumerable<string> PipWheelDirectories(CudaLibraryKind kind, CudaSearchEnvironment env, IEnumerable<string> sitePackages, string lib)
    {
        var perLibrary = kind == CudaLibraryKind.Nvrtc ? "cuda_nvrtc" : "cublas";
        foreach (var site in sitePackages)
        {
            yield return env.Join(site, "nvidia", "cu13", lib);
            yield return env.Join(site, "nvidia", perLibrary, lib);
        }
    }

    /// <summary>Python package folders: system and user installs, PYTHONPATH, active virtual and conda environments.</summary>
    internal static IEnumerable<string> SitePackages(CudaSearchEnvironment env)
    {
        var prefixes = new List<string>();
        foreach (var name in new[] { "VIRTUAL_ENV", "CONDA_PREFIX" })
        {
            if (env.Variable(name) is { Length: > 0 } prefix)
            {
                prefixes.Add(prefix);
            }
        }

        if (env.IsWindows)
        {
            var found = env.ListVariable("PYTHONPATH").ToList();
            prefixes.AddRange(env.ListVariable("PATH"));
            if (env.Variable("LOCALAPPDATA") is { Length: > 0 } local)
            {
                prefixes.AddRange(env.Matching(env.Join(local, "Programs", "Python"), "Python3"));
            }

            found.AddRange(prefixes.Select(p => env.Join(p, "Lib", "site-packages")));
            if (env.Variable("APPDATA") is { Length: > 0 } roaming)
            {
                found.AddRange(env.Matching(env.Join(roaming, "Python"), "Python3").Select(p => env.Join(p, "site-packages")));
            }

            return found;
        }

        // An activated environment puts its bin folder on PATH: its packages are in ../lib/python3.X.
        prefixes.AddRange(env.ListVariable("PATH").Where(p => p.EndsWith("/bin", StringComparison.Ordinal)).Select(p => p[..^4]));
        prefixes.AddRange(["/usr", "/usr/local", "/opt/conda"]);
        if (env.Home is { } home)
        {
            prefixes.Add(env.Join(home, ".local"));
            prefixes.Add(env.Join(home, "miniconda3"));
            prefixes.Add(env.Join(home, "anaconda3"));
            prefixes.AddRange(env.Matching(env.Join(home, ".pyenv", "versions"), ""));
        }

        var sites = env.ListVariable("PYTHONPATH").ToList();
        foreach (var prefix in prefixes.Where(p => p.Length > 0).Distinct())
        {
            foreach (var python in env.Matching(env.Join(prefix, "lib"), "python3"))
            {
                sites.Add(env.Join(python, "site-packages"));
                sites.Add(env.Join(python, "dist-packages"));
            }
        }

        return sites;
    }
}
