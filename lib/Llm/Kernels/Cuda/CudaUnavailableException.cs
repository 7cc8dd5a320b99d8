namespace Llm.Kernels;

/// <summary>
/// CUDA cannot be used here: no driver, no GPU, or a missing library. The message says what was
/// looked for and where, so the fix (install, or point CUDA_PATH / LD_LIBRARY_PATH at it) is clear.
/// </summary>
public sealed class CudaUnavailableException(string message) : Exception(message);
