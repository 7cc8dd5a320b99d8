namespace Llm.Kernels;

/// <summary>
/// CUresult, the status every driver call returns (Driver API §6.1 "Data types used by CUDA driver").
/// Only the codes the backend reacts to are named; any other is reported through cuGetErrorName.
/// </summary>
internal enum CuResult
{
    Success = 0,
    InvalidValue = 1,
    OutOfMemory = 2,
    NotInitialized = 3,
    NoDevice = 100,
    InvalidDevice = 101,
    InvalidImage = 200,
    NoBinaryForGpu = 209,
    UnsupportedPtxVersion = 222,
}
