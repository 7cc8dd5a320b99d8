using System.Runtime.InteropServices;

namespace Llm.Kernels;

/// <summary>
/// The few CUDA driver API functions the backend calls (CUDA Driver API reference,
/// https://docs.nvidia.com/cuda/cuda-driver-api/). The names are the symbols libcuda exports:
/// cuda.h renames cuMemAlloc to cuMemAlloc_v2 and so on (the "_v2" entry points take 64-bit sizes),
/// so a binding without the header must call the _v2 names itself.
/// "cuda" is a logical name that <see cref="CudaLibraries"/> maps to the file it found.
/// </summary>
internal static unsafe partial class CudaDriver
{
    private const string Library = "cuda";

    // Driver API §6.5 "Device Management", CUdevice_attribute.
    public const int AttributeMultiprocessorCount = 16;
    public const int AttributeComputeCapabilityMajor = 75;
    public const int AttributeComputeCapabilityMinor = 76;

    // The logical name must be mapped to a file before the first call is bound.
    static CudaDriver() => CudaLibraries.InstallResolver();

    [LibraryImport(Library)]
    public static partial CuResult cuInit(uint flags);

    [LibraryImport(Library)]
    public static partial CuResult cuDriverGetVersion(out int version);

    [LibraryImport(Library)]
    public static partial CuResult cuDeviceGetCount(out int count);

    [LibraryImport(Library)]
    public static partial CuResult cuDeviceGet(out int device, int ordinal);

    [LibraryImport(Library)]
    public static partial CuResult cuDeviceGetName(byte* name, int length, int device);

    [LibraryImport(Library)]
    public static partial CuResult cuDeviceGetAttribute(out int value, int attribute, int device);

    [LibraryImport(Library)]
    public static partial CuResult cuDeviceTotalMem_v2(out nuint bytes, int device);

    [LibraryImport(Library)]
    public static partial CuResult cuDevicePrimaryCtxRetain(out nint context, int device);

    [LibraryImport(Library)]
    public static partial CuResult cuCtxSetCurrent(nint context);

    [LibraryImport(Library)]
    public static partial CuResult cuMemGetInfo_v2(out nuint free, out nuint total);

    [LibraryImport(Library)]
    public static partial CuResult cuMemAlloc_v2(out ulong pointer, nuint bytes);

    [LibraryImport(Library)]
    public static partial CuResult cuMemFree_v2(ulong pointer);

    [LibraryImport(Library)]
    public static partial CuResult cuMemcpyHtoDAsync_v2(ulong destination, void* source, nuint bytes, nint stream);

    [LibraryImport(Library)]
    public static partial CuResult cuMemcpyDtoHAsync_v2(void* destination, ulong source, nuint bytes, nint stream);

    [LibraryImport(Library)]
    public static partial CuResult cuMemcpyDtoDAsync_v2(ulong destination, ulong source, nuint bytes, nint stream);

    [LibraryImport(Library)]
    public static partial CuResult cuMemsetD32Async(ulong destination, uint value, nuint count, nint stream);

    [LibraryImport(Library)]
    public static partial CuResult cuStreamCreate(out nint stream, uint flags);

    [LibraryImport(Library)]
    public static partial CuResult cuStreamSynchronize(nint stream);

    [LibraryImport(Library)]
    public static partial CuResult cuModuleLoadData(out nint module, void* image);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial CuResult cuModuleGetFunction(out nint function, nint module, string name);

    [LibraryImport(Library)]
    public static partial CuResult cuLaunchKernel(
        nint function,
        uint gridX, uint gridY, uint gridZ,
        uint blockX, uint blockY, uint blockZ,
        uint sharedMemoryBytes, nint stream, void** parameters, void** extra);

    [LibraryImport(Library)]
    public static partial CuResult cuGetErrorName(CuResult error, out nint name);

    [LibraryImport(Library)]
    public static partial CuResult cuGetErrorString(CuResult error, out nint text);
}
