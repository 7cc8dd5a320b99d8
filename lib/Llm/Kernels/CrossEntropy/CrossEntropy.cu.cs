namespace Llm.Kernels;

/// <summary>
/// Cross-entropy fused with softmax, one block per row of logits: loss = logsumexp(x) − x[target],
/// and its gradient softmax(x) − onehot(target). The sum of exponentials is kept in double, as on the CPU.
/// </summary>
internal static class CrossEntropyCu
{
    public const string Source = """
        // ---- CrossEntropy ----
        extern "C" __global__ void __launch_bounds__(1024) cross_entropy_forward(const float* logits, const int* targets, float* losses, float* logSumExp, int rows, int vocab, int ignoreIndex)
        {
            for (int r = blockIdx.x; r < rows; r += gridDim.x)
            {
                const float* row = logits + (long long)r * vocab;
                float m = -LLM_INF;
                for (int j = threadIdx.x; j < vocab; j += blockDim.x) m = fmaxf(m, row[j]);
                m = block_max(m);
                double s = 0.0;
                for (int j = threadIdx.x; j < vocab; j += blockDim.x) s += (double)expf(row[j] - m);
                s = block_sum_double(s);
                if (threadIdx.x == 0)
                {
                    float l = m + (float)log(s);
                    int t = targets[r];
                    logSumExp[r] = l;
                    losses[r] = t == ignoreIndex ? 0.0f : l - row[t];
                }
            }
        }

        // dlogits (+)= scale·(softmax − onehot(target)); ignored rows get zero (or are left alone when accumulating).
        extern "C" __global__ void __launch_bounds__(1024) cross_entropy_backward(const float* logits, const float* logSumExp, const int* targets, float* dlogits, int rows, int vocab, int ignoreIndex, float scale, int accumulate)
        {
            for (int r = blockIdx.x; r < rows; r += gridDim.x)
            {
                const float* row = logits + (long long)r * vocab;
                float* out = dlogits + (long long)r * vocab;
                int t = targets[r];
                float l = logSumExp[r];
                for (int j = threadIdx.x; j < vocab; j += blockDim.x)
                {
                    if (t == ignoreIndex)
                    {
                        if (!accumulate) out[j] = 0.0f;
                        continue;
                    }
                    float p = expf(row[j] - l);
                    if (j == t) p -= 1.0f;
                    out[j] = accumulate ? (p * scale) + out[j] : p * scale;
                }
            }
        }

        """;
}
