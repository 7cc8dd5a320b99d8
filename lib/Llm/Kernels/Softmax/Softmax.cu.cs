namespace Llm.Kernels;

/// <summary>
/// Softmax and log-softmax over rows, forward and backward: one block per row, its threads striding
/// along the row, the max and the sums taken with block reductions. The formulas are the CPU's
/// (CpuBackend.Rows.cs); the causal rule too: query row i of tq may see keys 0 … i + cols − tq.
/// </summary>
internal static class SoftmaxCu
{
    public const string Source = """
        // ---- Softmax ----
        extern "C" __global__ void __launch_bounds__(1024) softmax_forward(const float* x, float* y, int rows, int cols, int causal, int tq, int logMode)
        {
            for (int r = blockIdx.x; r < rows; r += gridDim.x)
            {
                const float* in = x + (long long)r * cols;
                float* out = y + (long long)r * cols;
                int valid = causal ? imin(cols, (r % tq) + cols - tq + 1) : cols;
                float m = -LLM_INF;
                for (int j = threadIdx.x; j < valid; j += blockDim.x) m = fmaxf(m, in[j]);
                m = block_max(m);
                float s = 0.0f;
                for (int j = threadIdx.x; j < valid; j += blockDim.x) s += expf(in[j] - m);
                s = block_sum(s);
                if (logMode)
                {
                    // log softmax = (x − max) − log Σ exp(x − max); masked entries are −∞.
                    float logSum = logf(s);
                    for (int j = threadIdx.x; j < cols; j += blockDim.x) out[j] = j < valid ? (in[j] - m) - logSum : -LLM_INF;
                }
                else
                {
                    float inverse = 1.0f / s;
                    for (int j = threadIdx.x; j < cols; j += blockDim.x) out[j] = j < valid ? expf(in[j] - m) * inverse : 0.0f;
                }
            }
        }

        // softmax: dx = y·(dy − Σ dy·y); log-softmax: dx = dy − exp(y)·Σ dy, nothing where y = −∞ (masked).
        extern "C" __global__ void __launch_bounds__(1024) softmax_backward(const float* y, const float* dy, float* dx, int rows, int cols, int logMode, int accumulate)
        {
            for (int r = blockIdx.x; r < rows; r += gridDim.x)
            {
                const float* yr = y + (long long)r * cols;
                const float* gr = dy + (long long)r * cols;
                float* out = dx + (long long)r * cols;
                float s = 0.0f;
                for (int j = threadIdx.x; j < cols; j += blockDim.x) s += logMode ? gr[j] : gr[j] * yr[j];
                s = block_sum(s);
                for (int j = threadIdx.x; j < cols; j += blockDim.x)
                {
                    float v;
                    if (logMode) v = yr[j] == -LLM_INF ? 0.0f : gr[j] + (expf(yr[j]) * -s);
                    else v = (gr[j] - s) * yr[j];
                    out[j] = accumulate ? out[j] + v : v;
                }
            }
        }

        """;
}
