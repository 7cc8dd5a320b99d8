namespace Llm.Kernels;

/// <summary>
/// Layer normalization, one block per row (forward, and dx in backward). dweight and dbias are sums
/// over all rows: a first kernel sums chunks of rows per column, and sum_columns (Reduce) adds the
/// chunks in order, so the result does not depend on scheduling.
/// </summary>
internal static class LayerNormCu
{
    public const string Source = """
        // ---- LayerNorm ----
        // y = (x − μ)·rstd·w + b, saving μ and rstd = 1/√(var + eps) (variance biased, as PyTorch).
        extern "C" __global__ void __launch_bounds__(1024) layer_norm_forward(const float* x, const float* weight, const float* bias, float* y, float* mean, float* rstd, int rows, int cols, float eps)
        {
            for (int r = blockIdx.x; r < rows; r += gridDim.x)
            {
                const float* in = x + (long long)r * cols;
                float* out = y + (long long)r * cols;
                float s = 0.0f;
                for (int j = threadIdx.x; j < cols; j += blockDim.x) s += in[j];
                float mu = block_sum(s) / cols;
                float q = 0.0f;
                for (int j = threadIdx.x; j < cols; j += blockDim.x)
                {
                    float d = in[j] - mu;
                    q += d * d;
                }
                float variance = block_sum(q) / cols;
                float inv = 1.0f / sqrtf(variance + eps);
                if (threadIdx.x == 0)
                {
                    mean[r] = mu;
                    rstd[r] = inv;
                }
                for (int j = threadIdx.x; j < cols; j += blockDim.x) out[j] = fmaf((in[j] - mu) * inv, weight[j], bias[j]);
            }
        }

        // dx += rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)), with x̂ = (x − μ)·rstd and dx̂ = dy·w.
        extern "C" __global__ void __launch_bounds__(1024) layer_norm_backward_input(const float* dy, const float* x, const float* weight, const float* mean, const float* rstd, float* dx, int rows, int cols)
        {
            for (int r = blockIdx.x; r < rows; r += gridDim.x)
            {
                const float* g = dy + (long long)r * cols;
                const float* in = x + (long long)r * cols;
                float* out = dx + (long long)r * cols;
                float mu = mean[r];
                float rs = rstd[r];
                float a = 0.0f, b = 0.0f;
                for (int j = threadIdx.x; j < cols; j += blockDim.x)
                {
                    float xhat = (in[j] - mu) * rs;
                    float dxhat = g[j] * weight[j];
                    a += dxhat;
                    b += dxhat * xhat;
                }
                float meanDxhat = block_sum(a) / cols;
                float meanDxhatXhat = block_sum(b) / cols;
                for (int j = threadIdx.x; j < cols; j += blockDim.x)
                {
                    float xhat = (in[j] - mu) * rs;
                    float dxhat = g[j] * weight[j];
                    out[j] += rs * (dxhat - meanDxhat - (xhat * meanDxhatXhat));
                }
            }
        }

        // Per chunk of rows and per column: Σ dy·x̂ (for dweight) and Σ dy (for dbias).
        // Grid: x over column blocks, y over row chunks. Partials are [chunks, cols].
        extern "C" __global__ void layer_norm_backward_params_chunks(const float* dy, const float* x, const float* mean, const float* rstd, int rows, int cols, int rowsPerChunk, float* partialWeight, float* partialBias)
        {
            int c = blockIdx.x * blockDim.x + threadIdx.x;
            if (c >= cols) return;
            int begin = blockIdx.y * rowsPerChunk;
            int end = imin(rows, begin + rowsPerChunk);
            float w = 0.0f, b = 0.0f;
            for (int r = begin; r < end; r++)
            {
                float g = dy[(long long)r * cols + c];
                b += g;
                w += g * (x[(long long)r * cols + c] - mean[r]) * rstd[r];
            }
            partialWeight[(long long)blockIdx.y * cols + c] = w;
            partialBias[(long long)blockIdx.y * cols + c] = b;
        }

        """;
}
