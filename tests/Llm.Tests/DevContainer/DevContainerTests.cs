using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Llm.Kernels;
using Llm.Tests.Notebooks;

namespace Llm.Tests.DevContainer;

/// <summary>
/// The two dev containers: valid configurations (JSON with comments, as the Dev Containers
/// specification allows, and only its properties), a CPU default that installs no CUDA, a GPU variant
/// whose CUDA release the library's own library search finds, and in both the .NET kernel
/// registered for Jupyter and Polyglot Notebooks pointed at a kernel NuGet serves.
/// </summary>
public class DevContainerTests
{
    public const string Cpu = ".devcontainer/devcontainer.json";
    public const string Gpu = ".devcontainer/gpu/devcontainer.json";

    public static TheoryData<string> Both => new(Cpu, Gpu);

    // The top-level properties of an image-based configuration in the specification's schema
    // (devContainer.base.schema.json: devContainerCommon, nonComposeBase, imageContainer).
    private static readonly HashSet<string> Properties =
    [
        "$schema", "name", "features", "overrideFeatureInstallOrder", "secrets", "forwardPorts", "portsAttributes",
        "otherPortsAttributes", "updateRemoteUserUID", "containerEnv", "containerUser", "mounts", "init", "privileged",
        "capAdd", "securityOpt", "remoteEnv", "remoteUser", "initializeCommand", "onCreateCommand", "updateContentCommand",
        "postCreateCommand", "postStartCommand", "postAttachCommand", "waitFor", "userEnvProbe", "hostRequirements",
        "customizations", "appPort", "runArgs", "shutdownAction", "overrideCommand", "workspaceFolder", "workspaceMount", "image",
    ];

    [Theory]
    [MemberData(nameof(Both))]
    public void Is_a_valid_configuration_for_the_SDK_the_course_targets(string path)
    {
        var config = Read(path);

        Assert.All(config.Select(p => p.Key), key => Assert.Contains(key, Properties));
        Assert.Matches(@"^mcr\.microsoft\.com/devcontainers/dotnet:\d+-10\.0$", (string?)config["image"]);
        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", File.ReadAllText(Path.Combine(NotebookFolder.RepoRoot, "Directory.Build.props")));
        Assert.All(Features(config).Keys, reference => Assert.Matches(@"^ghcr\.io/devcontainers/features/[a-z0-9-]+:\d+$", reference));
        if (config["hostRequirements"]?["gpu"] is { } gpu)
        {
            Assert.True(gpu.GetValueKind() is JsonValueKind.True or JsonValueKind.False || (string?)gpu == "optional", $"hostRequirements.gpu is true, false or \"optional\", not {gpu}");
        }
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void Registers_the_NET_kernel_for_Jupyter_and_points_Polyglot_Notebooks_at_the_pinned_kernel(string path)
    {
        var config = Read(path);
        var vscode = config["customizations"]!["vscode"]!;
        var pinned = (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(NotebookFolder.RepoRoot, ".config", "dotnet-tools.json")))!["tools"]!["microsoft.dotnet-interactive"]!["version"];

        Assert.Superset(new HashSet<string> { "ms-toolsai.jupyter", "ms-dotnettools.dotnet-interactive-vscode" }, vscode["extensions"]!.AsArray().Select(e => (string)e!).ToHashSet());
        Assert.Equal("https://api.nuget.org/v3/index.json", (string?)vscode["settings"]!["dotnet-interactive.interactiveToolSource"]);
        Assert.Equal(pinned, (string?)vscode["settings"]!["dotnet-interactive.requiredInteractiveToolVersion"]);

        // After creation: Jupyter and the kernel (the setup script), then the library the notebooks load.
        var command = (string)config["postCreateCommand"]!;
        Assert.StartsWith("tests/kernel/setup-jupyter.sh && ", command);
        Assert.EndsWith("dotnet build course.sln -c Release", command);
        var setup = File.ReadAllLines(Path.Combine(NotebookFolder.RepoRoot, "tests", "kernel", "setup-jupyter.sh"));
        Assert.Equal("#!/usr/bin/env bash", setup[0]);
        var (restore, install) = (Index(setup, "dotnet tool restore"), Index(setup, "dotnet interactive jupyter install"));
        Assert.True(restore >= 0 && restore < install, "the pinned tool is restored, then `dotnet interactive` registers the kernel");
        Assert.Contains("mkdir -p \"$HOME/.local/share/jupyter/kernels\"", setup);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(Path.Combine(NotebookFolder.RepoRoot, "tests", "kernel", "setup-jupyter.sh")).HasFlag(UnixFileMode.UserExecute), "setup-jupyter.sh is executable");
        }
    }

    [Fact]
    public void The_CPU_container_installs_no_CUDA_and_asks_for_no_GPU()
    {
        var config = Read(Cpu);

        Assert.DoesNotContain(Features(config).Keys, f => f.Contains("nvidia", StringComparison.OrdinalIgnoreCase) || f.Contains("cuda", StringComparison.OrdinalIgnoreCase));
        Assert.Null(config["hostRequirements"]?["gpu"]);
    }

    [Fact]
    public void The_GPU_container_installs_a_CUDA_whose_libraries_the_library_finds()
    {
        var config = Read(Gpu);
        var (reference, options) = Assert.Single(Features(config), f => f.Key.Contains("/nvidia-cuda:", StringComparison.Ordinal));
        var cuda = (string)options!["cudaVersion"]!;
        var major = int.Parse(cuda.Split('.')[0]);

        // Version 1 and 2 of the feature install from NVIDIA's x86_64 repositories only; version 3 detects the architecture.
        Assert.True(int.Parse(reference.Split(':')[^1]) >= 3, $"{reference}: version 3 or later");
        Assert.True(config["hostRequirements"]!["gpu"]!.GetValue<bool>());

        // The feature installs CUDA X.Y's libraries in /usr/local/cuda-X.Y/lib64: the search must look there, under the names it installs.
        var machine = new CudaSearchEnvironment(false, _ => null, parent => parent == "/usr/local" ? [$"/usr/local/cuda-{cuda}"] : [], "/home/vscode");
        Assert.Contains($"/usr/local/cuda-{cuda}/lib64/libnvrtc.so.{major}", CudaLibrarySearch.Candidates(CudaLibraryKind.Nvrtc, machine));
        Assert.Contains($"/usr/local/cuda-{cuda}/lib64/libcublas.so.{major}", CudaLibrarySearch.Candidates(CudaLibraryKind.Cublas, machine));
    }

    [Fact]
    public void A_configuration_with_a_property_the_specification_lacks_is_caught()
    {
        var config = JsonNode.Parse("{\"image\": \"x\", \"postCreateComand\": \"y\"}")!.AsObject();

        Assert.Equal(["postCreateComand"], config.Select(p => p.Key).Where(k => !Properties.Contains(k)));
    }

    /// <summary>A configuration as the Dev Containers CLI reads it: JSON with comments, no trailing commas.</summary>
    private static JsonObject Read(string path) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(NotebookFolder.RepoRoot, path)), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();

    private static IDictionary<string, JsonNode?> Features(JsonObject config) =>
        config["features"]?.AsObject() is { } features ? features.ToDictionary(f => f.Key, f => f.Value) : new Dictionary<string, JsonNode?>();

    private static int Index(string[] lines, string command) =>
        Array.FindIndex(lines, l => Regex.IsMatch(l, $"^\\s*{Regex.Escape(command)}\\b"));
}
