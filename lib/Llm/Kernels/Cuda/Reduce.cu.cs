namespace Llm.Kernels;

/// <summary>
/// Sums, deterministic by construction: no atomics; every output is added up by one thread or one
/// block in a fixed order, and long sums are split into chunks whose partial sums are then added
/// in chunk order. Running twice gives the same bits. The host picks the kernel from the shape
/// (see <see cref="ReducePlan"/>).
/// </summary>
internal static class ReduceCu
{
    public const string Source = """
        // ---- Reduce ----
        // dst[r] (+)= Σ_j src[r·cols + j], one block per row.
        extern "C" __global__ void __launch_bounds__(1024) sum_rows(const float* src, float* dst, int rows, long long cols, int accumulate)
        {
            for (int r = blockIdx.x; r < rows; r += gridDim.x)
            {
                const float* row = src + r * cols;
                float s = 0.0f;
                for (long long j = threadIdx.x; j < cols; j += blockDim.x) s += row[j];
                s = block_sum(s);
                if (threadIdx.x == 0) dst[r] = accumulate ? dst[r] + s : s;
            }
        }

        // partials[b] = Σ src[b·chunk .. (b+1)·chunk): the first pass of a sum too long for one block.
        extern "C" __global__ void __launch_bounds__(1024) sum_chunks(const float* src, long long n, long long chunk, float* partials)
        {
            long long begin = blockIdx.x * chunk;
            long long end = lmin(n, begin + chunk);
            float s = 0.0f;
            for (long long i = begin + threadIdx.x; i < end; i += blockDim.x) s += src[i];
            s = block_sum(s);
            if (threadIdx.x == 0) partials[blockIdx.x] = s;
        }

        // partials[chunk][c] = Σ over rows [chunk·rowsPerChunk, …) of src[row][c]: column sums of a
        // [rows, cols] matrix, first pass. Grid: x over column blocks, y over row chunks.
        extern "C" __global__ void sum_columns_chunks(const float* src, int rows, int cols, int rowsPerChunk, float* partials)
        {
            int c = blockIdx.x * blockDim.x + threadIdx.x;
            if (c >= cols) return;
            int begin = blockIdx.y * rowsPerChunk;
            int end = imin(rows, begin + rowsPerChunk);
            float s = 0.0f;
            for (int r = begin; r < end; r++) s += src[(long long)r * cols + c];
            partials[(long long)blockIdx.y * cols + c] = s;
        }

        // dst[c] (+)= Σ_r src[r][c], rows added in order by one thread per column. With the partials
        // of sum_columns_chunks as src it is the second pass; on a short matrix it is the whole sum.
        extern "C" __global__ void sum_columns(const float* src, int rows, int cols, float* dst, int accumulate)
        {
            for (int c = blockIdx.x * blockDim.x + threadIdx.x; c < cols; c += gridDim.x * blockDim.x)
            {
                float s = 0.0f;
                for (int r = 0; r < rows; r++) s += src[(long long)r * cols + c];
                dst[c] = accumulate ? dst[c] + s : s;
            }
        }

        // Any other reduction: thread o makes output o, walking the kept dimensions for its base
        // offset and then every combination of the reduced dimensions.
        extern "C" __global__ void sum_general(const float* src, float* dst, unsigned int outputs, unsigned int perOutput,
            int keptRank, Dims keptShape, Dims keptStride, int reducedRank, Dims reducedShape, Dims reducedStride, int accumulate)
        {
            for (unsigned int o = blockIdx.x * blockDim.x + threadIdx.x; o < outputs; o += gridDim.x * blockDim.x)
            {
                unsigned int rest = o, base = 0;
                for (int d = keptRank - 1; d >= 0; d--)
                {
                    unsigned int k = rest % (unsigned int)keptShape.d[d];
                    rest /= (unsigned int)keptShape.d[d];
                    base += k * (unsigned int)keptStride.d[d];
                }
                float s = 0.0f;
                for (unsigned int q = 0; q < perOutput; q++)
                {
                    unsigned int r = q, offset = base;
                    for (int d = reducedRank - 1; d >= 0; d--)
                    {
                        unsigned int k = r % (unsigned int)reducedShape.d[d];
                        r /= (unsigned int)reducedShape.d[d];
                        offset += k * (unsigned int)reducedStride.d[d];
                    }
                    s += src[offset];
                }
                dst[o] = accumulate ? dst[o] + s : s;
            }
        }

        // partials[b] = Σ x² over chunk b, in double: the first pass of the gradient norm.
        extern "C" __global__ void __launch_bounds__(1024) sum_squares_chunks(const float* x, long long n, long long chunk, double* partials)
        {
            long long begin = blockIdx.x * chunk;
            long long end = lmin(n, begin + chunk);
            double s = 0.0;
            for (long long i = begin + threadIdx.x; i < end; i += blockDim.x)
            {
                double v = x[i];
                s += v * v;
            }
            s = block_sum_double(s);
            if (threadIdx.x == 0) partials[blockIdx.x] = s;
        }

        // result[0] = Σ partials, one block.
        extern "C" __global__ void __launch_bounds__(1024) sum_doubles(const double* partials, int count, double* result)
        {
            double s = 0.0;
            for (int i = threadIdx.x; i < count; i += blockDim.x) s += partials[i];
            s = block_sum_double(s);
            if (threadIdx.x == 0) result[0] = s;
        }

        """;
}
