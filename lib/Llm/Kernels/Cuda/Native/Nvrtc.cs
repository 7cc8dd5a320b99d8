using System.Runtime.InteropServices;

namespace Llm.Kernels;

/// <summary>
/// NVRTC, the runtime compiler for CUDA C++ (NVRTC User Guide, https://docs.nvidia.com/cuda/nvrtc/):
/// source text in, a CUBIN (machine code for one GPU) or PTX (portable assembly the driver
/// compiles on load) out. Status codes are nvrtcResult, 0 meaning success.
/// </summary>
internal static unsafe partial class Nvrtc
{
    private const string Library = "nvrtc";

    public const int Success = 0;
    public const int ErrorInvalidOption = 5;
    public const int ErrorCompilation = 6;

    static Nvrtc() => CudaLibraries.InstallResolver();

    [LibraryImport(Library)]
    public static partial int nvrtcVersion(out int major, out int minor);

    [LibraryImport(Library)]
    public static partial int nvrtcGetNumSupportedArchs(out int count);

    [LibraryImport(Library)]
    public static partial int nvrtcGetSupportedArchs(int* architectures);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int nvrtcCreateProgram(out nint program, string source, string name, int headerCount, nint headers, nint includeNames);

    [LibraryImport(Library)]
    public static partial int nvrtcCompileProgram(nint program, int optionCount, byte** options);

    [LibraryImport(Library)]
    public static partial int nvrtcGetProgramLogSize(nint program, out nuint size);

    [LibraryImport(Library)]
    public static partial int nvrtcGetProgramLog(nint program, byte* log);

    [LibraryImport(Library)]
    public static partial int nvrtcGetCUBINSize(nint program, out nuint size);

    [LibraryImport(Library)]
    public static partial int nvrtcGetCUBIN(nint program, byte* cubin);

    [LibraryImport(Library)]
    public static partial int nvrtcGetPTXSize(nint program, out nuint size);

    [LibraryImport(Library)]
    public static partial int nvrtcGetPTX(nint program, byte* ptx);

    [LibraryImport(Library)]
    public static partial int nvrtcDestroyProgram(ref nint program);

    [LibraryImport(Library)]
    public static partial nint nvrtcGetErrorString(int result);
}
