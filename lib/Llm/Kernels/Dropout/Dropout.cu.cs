namespace Llm.Kernels;

/// <summary>
/// Dropout with <see cref="CounterHash"/> (SplitMix64's finalizer on seed + (index + 1)·0x9E3779B97F4A7C15),
/// so the GPU drops exactly the elements the CPU drops.
/// </summary>
internal static class DropoutCu
{
    public const string Source = """
        // ---- Dropout ----
        __device__ __forceinline__ unsigned int counter_hash(unsigned long long seed, unsigned long long index)
        {
            unsigned long long z = seed + (index + 1ULL) * 0x9E3779B97F4A7C15ULL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            return (unsigned int)((z ^ (z >> 31)) >> 32);
        }

        // y (+)= keep ? x·scale : 0, keeping element i when its hash is at least p·2³².
        extern "C" __global__ void dropout(const float* x, float* y, long long n, unsigned int threshold, float scale, unsigned long long seed, int accumulate)
        {
            for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
            {
                float v = counter_hash(seed, (unsigned long long)i) >= threshold ? x[i] * scale : 0.0f;
                y[i] = accumulate ? y[i] + v : v;
            }
        }

        """;
}
