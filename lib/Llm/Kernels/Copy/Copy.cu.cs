namespace Llm.Kernels;

/// <summary>Kernels that move numbers: strided block copies (split, concatenate) and transposes.</summary>
internal static class CopyCu
{
    public const string Source = """
        // ---- Copy ----
        // rows blocks of cols floats: dst[r·dstStride + c] (+)= src[r·srcStride + c]. blockIdx.y walks
        // the rows (looping, as gridDim.y is at most 65535), blockIdx.x and threads the columns.
        extern "C" __global__ void copy_blocks(const float* src, long long srcStride, float* dst, long long dstStride, int rows, long long cols, int accumulate)
        {
            for (int r = blockIdx.y; r < rows; r += gridDim.y)
            {
                const float* s = src + r * srcStride;
                float* d = dst + r * dstStride;
                for (long long c = blockIdx.x * (long long)blockDim.x + threadIdx.x; c < cols; c += (long long)gridDim.x * blockDim.x)
                    d[c] = accumulate ? d[c] + s[c] : s[c];
            }
        }

        // Swaps d1 and d2 of [outer, d1, mid, d2, inner]. Thread i writes destination element i of
        // [outer, d2, mid, d1, inner] (coalesced writes) and reads where it came from.
        extern "C" __global__ void transpose(const float* src, float* dst, int outer, int d1, int mid, int d2, int inner, unsigned int n)
        {
            for (unsigned int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
            {
                unsigned int rest = i;
                unsigned int x = rest % (unsigned int)inner; rest /= (unsigned int)inner;
                unsigned int k = rest % (unsigned int)d1; rest /= (unsigned int)d1;
                unsigned int m = rest % (unsigned int)mid; rest /= (unsigned int)mid;
                unsigned int j = rest % (unsigned int)d2; rest /= (unsigned int)d2;
                unsigned int from = ((((rest * d1 + k) * mid + m) * d2 + j) * inner) + x;
                dst[i] = src[from];
            }
        }

        """;
}
