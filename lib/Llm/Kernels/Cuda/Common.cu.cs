namespace Llm.Kernels;

/// <summary>
/// Helpers every kernel file uses: the Dims struct, integer min, and reductions across a warp and a
/// block. The reductions use __shfl_xor_sync (CUDA C++ Programming Guide, "Warp Shuffle Functions")
/// and a fixed tree, so the same input always gives the same bits, whatever the scheduling.
/// Blocks that call block_sum/block_max must have a multiple of 32 threads, at most 1024. Kernels
/// launched with one block of up to 1024 threads per row say so with __launch_bounds__(1024), so the
/// compiler keeps each thread's registers within what 1024 threads may share (CUDA C++ Programming
/// Guide, "Launch Bounds"); without it such a launch can fail for want of registers.
/// </summary>
internal static class CommonCu
{
    public const string Source = """
        // ---- Common ----
        // Compiled with NVRTC, which has no standard headers: infinity comes from its bit pattern.
        #define LLM_INF __int_as_float(0x7f800000)

        // Shapes and strides of up to eight dimensions, passed by value.
        struct Dims { int d[8]; };

        __device__ __forceinline__ int imin(int a, int b) { return a < b ? a : b; }

        __device__ __forceinline__ long long lmin(long long a, long long b) { return a < b ? a : b; }

        __device__ __forceinline__ float warp_sum(float v)
        {
            for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_xor_sync(0xffffffffu, v, offset);
            return v;
        }

        __device__ __forceinline__ double warp_sum_double(double v)
        {
            for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_xor_sync(0xffffffffu, v, offset);
            return v;
        }

        __device__ __forceinline__ float warp_max(float v)
        {
            for (int offset = 16; offset > 0; offset >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, offset));
            return v;
        }

        // Sum over the block; every thread gets the total. The first barrier makes the shared slots
        // safe to reuse when a kernel reduces twice in a row.
        __device__ float block_sum(float v)
        {
            __shared__ float partial[32];
            __shared__ float total;
            int lane = threadIdx.x & 31;
            int warp = threadIdx.x >> 5;
            v = warp_sum(v);
            __syncthreads();
            if (lane == 0) partial[warp] = v;
            __syncthreads();
            if (warp == 0)
            {
                float x = lane < (int)(blockDim.x >> 5) ? partial[lane] : 0.0f;
                x = warp_sum(x);
                if (lane == 0) total = x;
            }
            __syncthreads();
            return total;
        }

        __device__ double block_sum_double(double v)
        {
            __shared__ double partial[32];
            __shared__ double total;
            int lane = threadIdx.x & 31;
            int warp = threadIdx.x >> 5;
            v = warp_sum_double(v);
            __syncthreads();
            if (lane == 0) partial[warp] = v;
            __syncthreads();
            if (warp == 0)
            {
                double x = lane < (int)(blockDim.x >> 5) ? partial[lane] : 0.0;
                x = warp_sum_double(x);
                if (lane == 0) total = x;
            }
            __syncthreads();
            return total;
        }

        __device__ float block_max(float v)
        {
            __shared__ float partial[32];
            __shared__ float total;
            int lane = threadIdx.x & 31;
            int warp = threadIdx.x >> 5;
            v = warp_max(v);
            __syncthreads();
            if (lane == 0) partial[warp] = v;
            __syncthreads();
            if (warp == 0)
            {
                float x = lane < (int)(blockDim.x >> 5) ? partial[lane] : -LLM_INF;
                x = warp_max(x);
                if (lane == 0) total = x;
            }
            __syncthreads();
            return total;
        }

        """;
}
