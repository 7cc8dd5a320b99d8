using System.Runtime.InteropServices;
using System.Text;

namespace Llm.Kernels;

/// <summary>The compiled kernels, ready for cuModuleLoadData, and what they were compiled for.</summary>
internal sealed record CompiledKernels(byte[] Image, string Target);

/// <summary>
/// Compiles the kernel program with NVRTC (NVRTC User Guide, "Basic usage"): create a program from
/// the source, compile with options, read the log on failure, take the result.
/// The result is a CUBIN for the GPU's exact architecture (--gpu-architecture=sm_XY) when NVRTC knows
/// it: machine code needs no compiling when loaded, and the driver cannot reject it for carrying a
/// PTX version newer than itself, as it can a PTX image (CUDA_ERROR_UNSUPPORTED_PTX_VERSION).
/// For a GPU newer than this NVRTC, the program becomes PTX for the newest architecture NVRTC has
/// (compute_XY), which the driver compiles for the GPU on load.
/// </summary>
internal static unsafe class KernelCompiler
{
    // -default-device: functions without __global__/__device__ are device code (no host side here);
    // --fmad=false: keep a·b + c as two roundings, as the CPU backend computes it.
    private static readonly string[] CommonOptions = ["-default-device", "--std=c++17", "--fmad=false"];

    public static CompiledKernels Compile(string source, int major, int minor)
    {
        var arch = (major * 10) + minor;
        var supported = SupportedArchitectures();
        Nvrtc.nvrtcVersion(out var nvrtcMajor, out var nvrtcMinor);
        var version = $"NVRTC {nvrtcMajor}.{nvrtcMinor}";
        if (supported is null || supported.Contains(arch))
        {
            var cubin = Build(source, $"--gpu-architecture=sm_{arch}", cubin: true);
            return new CompiledKernels(cubin, $"sm_{arch} CUBIN ({version})");
        }

        var fallback = supported.Where(a => a <= arch).DefaultIfEmpty(supported.Max()).Max();
        var ptx = Build(source, $"--gpu-architecture=compute_{fallback}", cubin: false);
        return new CompiledKernels(ptx, $"compute_{fallback} PTX for an sm_{arch} GPU ({version})");
    }

    // The architectures this NVRTC can compile for, or null when it predates nvrtcGetSupportedArchs (CUDA 11.2).
    private static int[]? SupportedArchitectures()
    {
        try
        {
            if (Nvrtc.nvrtcGetNumSupportedArchs(out var count) != Nvrtc.Success || count <= 0)
            {
                return null;
            }

            var archs = new int[count];
            fixed (int* p = archs)
            {
                return Nvrtc.nvrtcGetSupportedArchs(p) == Nvrtc.Success ? archs : null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static byte[] Build(string source, string architecture, bool cubin)
    {
        Check(Nvrtc.nvrtcCreateProgram(out var program, source, "llm_kernels.cu", 0, 0, 0), "nvrtcCreateProgram");
        try
        {
            string[] options = [architecture, .. CommonOptions];
            var compiled = CompileWithOptions(program, options);
            if (compiled != Nvrtc.Success)
            {
                throw new CudaException($"NVRTC could not compile the kernels ({ErrorText(compiled)}) with {string.Join(' ', options)}:\n{Log(program)}");
            }

            nuint size;
            byte[] image;
            if (cubin)
            {
                Check(Nvrtc.nvrtcGetCUBINSize(program, out size), "nvrtcGetCUBINSize");
                image = new byte[size];
                fixed (byte* p = image)
                {
                    Check(Nvrtc.nvrtcGetCUBIN(program, p), "nvrtcGetCUBIN");
                }
            }
            else
            {
                // The PTX size includes its terminating zero, which cuModuleLoadData needs to find the end.
                Check(Nvrtc.nvrtcGetPTXSize(program, out size), "nvrtcGetPTXSize");
                image = new byte[size];
                fixed (byte* p = image)
                {
                    Check(Nvrtc.nvrtcGetPTX(program, p), "nvrtcGetPTX");
                }
            }

            return image;
        }
        finally
        {
            Nvrtc.nvrtcDestroyProgram(ref program);
        }
    }

    // nvrtcCompileProgram takes the options as an array of C strings.
    private static int CompileWithOptions(nint program, string[] options)
    {
        var strings = new nint[options.Length];
        try
        {
            for (var i = 0; i < options.Length; i++)
            {
                strings[i] = Marshal.StringToCoTaskMemUTF8(options[i]);
            }

            fixed (nint* p = strings)
            {
                return Nvrtc.nvrtcCompileProgram(program, options.Length, (byte**)p);
            }
        }
        finally
        {
            foreach (var s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }
        }
    }

    private static string Log(nint program)
    {
        if (Nvrtc.nvrtcGetProgramLogSize(program, out var size) != Nvrtc.Success || size <= 1)
        {
            return "(no log)";
        }

        var log = new byte[size];
        fixed (byte* p = log)
        {
            Nvrtc.nvrtcGetProgramLog(program, p);
        }

        return Encoding.UTF8.GetString(log, 0, (int)size - 1);
    }

    private static void Check(int result, string call)
    {
        if (result != Nvrtc.Success)
        {
            throw new CudaException($"{call} failed: {ErrorText(result)}.");
        }
    }

    private static string ErrorText(int result) => $"{Marshal.PtrToStringUTF8(Nvrtc.nvrtcGetErrorString(result)) ?? "nvrtcResult"} ({result})";
}
