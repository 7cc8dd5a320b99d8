namespace Llm.Backends.Cuda.Kernels;

/// <summary>
/// Element-wise kernels: binary ops with broadcasting, unary ops and their derivatives. Each thread
/// handles elements i, i + gridDim·blockDim, … (a grid-stride loop), so any grid size covers any n.
/// The arithmetic follows CpuBackend.Unary.cs operation by operation, and the program is compiled
/// with --fmad=false so a·b + c is not fused into one rounding where the CPU rounds twice.
/// Op codes are the C# enum values, pasted in so the two cannot drift apart.
/// </summary>
internal static class Elementwise
{
    public static readonly string Source = $$"""
        // ---- Elementwise ----
        __device__ __forceinline__ float binary_apply(int op, float a, float b)
        {
            switch (op)
            {
                case {{(int)BinaryOp.Add}}: return a + b;
                case {{(int)BinaryOp.Subtract}}: return a - b;
                case {{(int)BinaryOp.Multiply}}: return a * b;
                default: return a / b;
            }
        }

        // c = a op b for inputs of the output's shape.
        extern "C" __global__ void binary_same(int op, const float* a, const float* b, float* c, long long n)
        {
            for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
                c[i] = binary_apply(op, a[i], b[i]);
        }

        // c = a op b with broadcasting: output element i is split into its index along each of the
        // rank dimensions; an input's stride is 0 along a dimension it is broadcast over.
        extern "C" __global__ void binary_broadcast(int op, const float* a, const float* b, float* c, unsigned int n, int rank, Dims shape, Dims strideA, Dims strideB)
        {
            for (unsigned int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
            {
                unsigned int rest = i, offsetA = 0, offsetB = 0;
                for (int d = rank - 1; d >= 0; d--)
                {
                    unsigned int extent = (unsigned int)shape.d[d];
                    unsigned int k = rest % extent;
                    rest /= extent;
                    offsetA += k * (unsigned int)strideA.d[d];
                    offsetB += k * (unsigned int)strideB.d[d];
                }
                c[i] = binary_apply(op, a[offsetA], b[offsetB]);
            }
        }

        // y = (mask != 0) ? value : x, the mask broadcast like b above.
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
