namespace Llm.Kernels;

/// <summary>
/// Embedding lookup and its scatter-add. Positions holding the same id would race if each added
/// its row on its own, so the host groups positions by id (sorted, positions ascending) and one
/// block per distinct id adds that id's rows in position order: the same sum, in the same order,
/// as the CPU, with no atomics.
/// </summary>
internal static class EmbeddingCu
{
    public const string Source = """
        // ---- Embedding ----
        // out[i] = weight[ids[i]], one block per position.
        extern "C" __global__ void __launch_bounds__(1024) embedding_forward(const float* weight, const int* ids, float* output, int count, int cols)
        {
            for (int i = blockIdx.x; i < count; i += gridDim.x)
            {
                const float* from = weight + (long long)ids[i] * cols;
                float* to = output + (long long)i * cols;
                for (int c = threadIdx.x; c < cols; c += blockDim.x) to[c] = from[c];
            }
        }

        // dweight[id] += Σ dout[p] over the positions p of each distinct id. groups holds, one after
        // another: the G distinct ids, G + 1 start offsets into the position list, and the positions.
        extern "C" __global__ void __launch_bounds__(1024) embedding_backward(const float* dout, const int* groups, int groupCount, float* dweight, int cols)
        {
            const int* ids = groups;
            const int* starts = groups + groupCount;
            const int* positions = groups + 2 * groupCount + 1;
            for (int g = blockIdx.x; g < groupCount; g += gridDim.x)
            {
                float* row = dweight + (long long)ids[g] * cols;
                for (int c = threadIdx.x; c < cols; c += blockDim.x)
                {
                    float acc = row[c];
                    for (int p = starts[g]; p < starts[g + 1]; p++) acc += dout[(long long)positions[p] * cols + c];
                    row[c] = acc;
                }
            }
        }

        """;
}
