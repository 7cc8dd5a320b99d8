namespace Llm.Kernels;

/// <summary>
/// Binary ops with broadcasting on the GPU. Each thread handles elements i, i + gridDim·blockDim, …
/// (a grid-stride loop), so any grid size covers any n. Op codes are the C# enum values, pasted in
/// so the two cannot drift apart. The backward of broadcasting is a sum (Cuda/Reduce.cu.cs).
/// </summary>
internal static class BinaryCu
{
    public static readonly string Source = $$"""
        // ---- Binary ----
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

        """;
}
