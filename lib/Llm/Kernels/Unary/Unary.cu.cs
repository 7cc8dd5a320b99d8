namespace Llm.Kernels;

/// <summary>
/// Unary ops and their derivatives on the GPU, one element per thread in a grid-stride loop. The
/// arithmetic follows Unary.Cpu.cs operation by operation, and the program is compiled with
/// --fmad=false so a·b + c is not fused into one rounding where the CPU rounds twice. Op codes are
/// the C# enum values, pasted in so the two cannot drift apart.
/// </summary>
internal static class UnaryCu
{
    public static readonly string Source = $$"""
        // ---- Unary ----
        // GELU's inner tanh(√(2/π)·(x + 0.044715·x³)), in the CPU's order: x·x, ·0.044715, +1, ·x, ·√(2/π).
        __device__ __forceinline__ float gelu_inner_tanh(float x)
        {
            float t = x * x;
            t = t * 0.044715f;
            t = t + 1.0f;
            t = t * x;
            t = t * 0.7978845608028654f;
            return tanhf(t);
        }

        __device__ __forceinline__ float unary_apply(int op, float x, float s)
        {
            switch (op)
            {
                case {{(int)UnaryOp.AddScalar}}: return x + s;
                case {{(int)UnaryOp.MulScalar}}: return x * s;
                case {{(int)UnaryOp.PowScalar}}: return powf(x, s);
                case {{(int)UnaryOp.Relu}}: return x != x ? x : (x > 0.0f ? x : 0.0f);
                case {{(int)UnaryOp.Gelu}}: return 0.5f * x * (1.0f + gelu_inner_tanh(x));
                case {{(int)UnaryOp.Tanh}}: return tanhf(x);
                case {{(int)UnaryOp.Exp}}: return expf(x);
                default: return logf(x);
            }
        }

        // f'(x); y = f(x) where the derivative is cheaper from it.
        __device__ __forceinline__ float unary_derivative(int op, float x, float y, float s)
        {
            switch (op)
            {
                case {{(int)UnaryOp.AddScalar}}: return 1.0f;
                case {{(int)UnaryOp.MulScalar}}: return s;
                case {{(int)UnaryOp.PowScalar}}: return powf(x, s - 1.0f) * s;
                case {{(int)UnaryOp.Relu}}: return x > 0.0f ? 1.0f : 0.0f;
                case {{(int)UnaryOp.Gelu}}:
                {
                    float t = gelu_inner_tanh(x);
                    return (0.5f * (1.0f + t)) + (0.5f * x * (1.0f - (t * t)) * 0.7978845608028654f * (1.0f + (3.0f * 0.044715f * x * x)));
                }
                case {{(int)UnaryOp.Tanh}}: return 1.0f - (y * y);
                case {{(int)UnaryOp.Exp}}: return y;
                default: return 1.0f / x;
            }
        }

        extern "C" __global__ void unary(int op, const float* x, float* y, long long n, float s)
        {
            for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
                y[i] = unary_apply(op, x[i], s);
        }

        // dx (+)= f'(x) · dy
        extern "C" __global__ void unary_backward(int op, const float* x, const float* y, const float* dy, float* dx, long long n, float s, int accumulate)
        {
            for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
            {
                float g = unary_derivative(op, x[i], y[i], s) * dy[i];
                dx[i] = accumulate ? dx[i] + g : g;
            }
        }

        """;
}
