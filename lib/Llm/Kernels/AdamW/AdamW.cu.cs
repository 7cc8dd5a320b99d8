namespace Llm.Kernels;

/// <summary>The AdamW update on the GPU, in the CPU's order of operations.</summary>
internal static class AdamWCu
{
    public const string Source = """
        // ---- AdamW ----
        // p ← p·decay;  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − stepSize·m / (√v / √(1−β₂ᵗ) + ε)
        extern "C" __global__ void adamw(float* param, const float* grad, float* m, float* v, long long n, float beta1, float beta2, float eps, float stepSize, float bias2Sqrt, float decay)
        {
            for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
            {
                float g = grad[i];
                float p = param[i] * decay;
                float mi = (m[i] * beta1) + ((1.0f - beta1) * g);
                float vi = (v[i] * beta2) + ((1.0f - beta2) * g * g);
                m[i] = mi;
                v[i] = vi;
                float denom = (sqrtf(vi) / bias2Sqrt) + eps;
                param[i] = p - stepSize * mi / denom;
            }
        }

        """;
}
