// Device-side CUDA C++ for a CPU: just enough of the language and intrinsics for the kernels in
// lib/Llm/Backends/Cuda/Kernels to compile with g++ and run on the fiber scheduler in fake_cuda.cpp.
// A test tool, not a GPU: it checks the kernels' indexing, barriers and warp shuffles, not speed.
#pragma once
#include <math.h>
#include <cstdint>

struct emu_uint3 { unsigned int x, y, z; };

// Set by the scheduler before it resumes a thread (one thread runs at a time).
extern emu_uint3 threadIdx, blockIdx, blockDim, gridDim;

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(threads)
// One block runs at a time, so a static variable is the block's shared memory.
#define __shared__ static

void emu_syncthreads();
double emu_shuffle_xor(double value, int laneMask);

inline void __syncthreads() { emu_syncthreads(); }

inline float __shfl_xor_sync(unsigned int, float v, int laneMask) { return (float)emu_shuffle_xor(v, laneMask); }
inline double __shfl_xor_sync(unsigned int, double v, int laneMask) { return emu_shuffle_xor(v, laneMask); }

inline float __int_as_float(int bits)
{
    union { int i; float f; } u;
    u.i = bits;
    return u.f;
}
