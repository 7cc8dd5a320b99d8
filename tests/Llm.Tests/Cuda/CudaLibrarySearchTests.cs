using Llm.Kernels;

namespace Llm.Tests.Cuda;

/// <summary>Where the CUDA libraries are looked for, checked against made-up machines.</summary>
public class CudaLibrarySearchTests
{
    private static CudaSearchEnvironment Linux(Dictionary<string, string>? variables = null, params string[] folders) => new(
        false,
        name => variables is not null && variables.TryGetValue(name, out var v) ? v : null,
        parent => folders.Where(f => f.StartsWith(parent.TrimEnd('/') + "/", StringComparison.Ordinal) && !f[(parent.TrimEnd('/').Length + 1)..].Contains('/')),
        "/home/ada");

    [Fact]
    public void LinuxNvrtcCandidatesCoverToolkitsLoaderPathAndPipWheels()
    {
        var env = Linux(
            new() { ["CUDA_PATH"] = "/opt/cuda", ["LD_LIBRARY_PATH"] = "/x/lib:", ["VIRTUAL_ENV"] = "/venv", ["PYTHONPATH"] = "/pp" },
            "/usr/local/cuda-12.4", "/usr/local/cuda-12.10", "/usr/local/cuda-13.0", "/usr/local/bin",
            "/home/ada/.local/lib/python3.12", "/venv/lib/python3.11", "/usr/lib/python3");
        var candidates = CudaLibrarySearch.Candidates(CudaLibraryKind.Nvrtc, env);

        Assert.Equal("/opt/cuda/lib64/libnvrtc.so.13", candidates[0]);
        Assert.Equal("/opt/cuda/lib64/libnvrtc.so.12", candidates[1]);
        Assert.Contains("/x/lib/libnvrtc.so.12", candidates);
        Assert.Contains("/usr/local/cuda/lib64/libnvrtc.so.13", candidates);
        Assert.True(Index(candidates, "/usr/local/cuda-13.0/lib64/libnvrtc.so.13") < Index(candidates, "/usr/local/cuda-12.10/lib64/libnvrtc.so.12"));
        Assert.True(Index(candidates, "/usr/local/cuda-12.10/lib64/libnvrtc.so.12") < Index(candidates, "/usr/local/cuda-12.4/lib64/libnvrtc.so.12"));
        Assert.Contains("/home/ada/.local/lib/python3.12/site-packages/nvidia/cu13/lib/libnvrtc.so.13", candidates);
        Assert.Contains("/home/ada/.local/lib/python3.12/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.12", candidates);
        Assert.Contains("/venv/lib/python3.11/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.12", candidates);
        Assert.Contains("/usr/lib/python3/dist-packages/nvidia/cu13/lib/libnvrtc.so.13", candidates);
        Assert.Contains("/pp/nvidia/cuda_nvrtc/lib/libnvrtc.so.12", candidates);
        Assert.Equal(["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so"], candidates.TakeLast(3));
    }

    [Fact]
    public void CublasComesFromItsOwnWheelFolder()
    {
        var env = Linux(null, "/usr/local/lib/python3.10");
        var candidates = CudaLibrarySearch.Candidates(CudaLibraryKind.Cublas, env);
        Assert.Contains("/usr/local/lib/python3.10/site-packages/nvidia/cublas/lib/libcublas.so.12", candidates);
        Assert.Contains("/usr/local/lib/python3.10/dist-packages/nvidia/cu13/lib/libcublas.so.13", candidates);
        Assert.DoesNotContain(candidates, c => c.Contains("cuda_nvrtc", StringComparison.Ordinal));
    }

    [Fact]
    public void VersionsNewerThanTheDriverGoLast()
    {
        Assert.Equal(["libnvrtc.so.12", "libnvrtc.so", "libnvrtc.so.13"], CudaLibrarySearch.FileNames(CudaLibraryKind.Nvrtc, false, driverMajor: 12));
        Assert.Equal(["cublas64_13.dll", "cublas64_12.dll"], CudaLibrarySearch.FileNames(CudaLibraryKind.Cublas, true, driverMajor: 13));
    }

    [Fact]
    public void TheDriverIsLoadedByNameFirst()
    {
        var candidates = CudaLibrarySearch.Candidates(CudaLibraryKind.Driver, Linux());
        Assert.Equal("libcuda.so.1", candidates[0]);
        Assert.Contains("/usr/lib/x86_64-linux-gnu/libcuda.so.1", candidates);
        Assert.Contains("/usr/lib/wsl/lib/libcuda.so.1", candidates);
    }

    [Fact]
    public void WindowsLooksInCudaPathProgramFilesAndWheels()
    {
        var folders = new[] { @"C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v12.4", @"C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v13.0", @"C:\Users\ada\AppData\Local\Programs\Python\Python312" };
        var env = new CudaSearchEnvironment(
            true,
            name => name switch { "CUDA_PATH" => @"D:\cuda", "LOCALAPPDATA" => @"C:\Users\ada\AppData\Local", _ => null },
            parent => folders.Where(f => f.StartsWith(parent + @"\", StringComparison.OrdinalIgnoreCase) && !f[(parent.Length + 1)..].Contains('\\')),
            @"C:\Users\ada");
        var candidates = CudaLibrarySearch.Candidates(CudaLibraryKind.Nvrtc, env);
        Assert.Equal(@"D:\cuda\bin\x64\nvrtc64_130_0.dll", candidates[0]);
        Assert.True(Index(candidates, @"C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v13.0\bin\x64\nvrtc64_130_0.dll") < Index(candidates, @"C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v12.4\bin\nvrtc64_120_0.dll"));
        Assert.Contains(@"C:\Users\ada\AppData\Local\Programs\Python\Python312\Lib\site-packages\nvidia\cu13\bin\nvrtc64_130_0.dll", candidates);
        Assert.Equal(["nvcuda.dll"], CudaLibrarySearch.Candidates(CudaLibraryKind.Driver, env));
    }

    [Fact]
    public void LoadReturnsTheFirstCandidateThatLoads()
    {
        var env = Linux(null, "/usr/local/lib/python3.12");
        var wanted = "/usr/local/lib/python3.12/site-packages/nvidia/cublas/lib/libcublas.so.12";
        var result = CudaLibraries.Find(CudaLibraryKind.Cublas, env, 13, path => path == wanted ? (42, null) : (0, null));
        Assert.True(result.Loaded);
        Assert.Equal(wanted, result.Path);
    }

    [Fact]
    public void MissingLibraryGivesOneMessageWithNamesPlacesAndFix()
    {
        var env = Linux(new() { ["CUDA_PATH"] = "/opt/cuda" }, "/usr/lib/python3.11");
        var broken = "/opt/cuda/lib64/libnvrtc.so.12";
        var result = CudaLibraries.Find(CudaLibraryKind.Nvrtc, env, 12, path => (0, path == broken ? "wrong ELF class" : null));
        Assert.False(result.Loaded);
        var message = result.Problem!;
        Assert.StartsWith("libnvrtc.so.12 / libnvrtc.so / libnvrtc.so.13 (NVRTC (the CUDA runtime compiler)) not found in the system library path, /opt/cuda/lib64", message);
        Assert.Contains("/usr/local/cuda/lib64", message);
        Assert.Contains("nvidia/cuda_nvrtc/lib", message);
        Assert.Contains($"{broken} exists but did not load (wrong ELF class)", message);
        Assert.Contains("To fix:", message);
        Assert.DoesNotContain('\n', message);
    }

    private static int Index(IReadOnlyList<string> list, string item)
    {
        var i = list.ToList().IndexOf(item);
        Assert.True(i >= 0, $"{item} is not a candidate");
        return i;
    }
}
