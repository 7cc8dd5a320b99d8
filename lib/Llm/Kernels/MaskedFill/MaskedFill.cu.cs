namespace Llm.Kernels;

/// <summary>y = mask ? value : x on the GPU, the mask broadcast to x's shape through zero strides.</summary>
internal static class MaskedFillCu
{
    public const string Source = """
        // ---- MaskedFill ----
        // y = (mask != 0) ? value : x, the mask broadcast: its stride is 0 along a dimension it is broadcast over.
        extern "C" __global__ void masked_fill(const float* x, const float* mask, float* y, float value, unsigned int n, int rank, Dims shape, Dims strideMask)
        {
            for (unsigned int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
            {
                unsigned int rest = i, offset = 0;
                for (int d = rank - 1; d >= 0; d--)
                {
                    unsigned int extent = (unsigned int)shape.d[d];
                    unsigned int k = rest % extent;
                    rest /= extent;
                    offset += k * (unsigned int)strideMask.d[d];
                }
                y[i] = mask[offset] != 0.0f ? value : x[i];
            }
        }

        """;
}
