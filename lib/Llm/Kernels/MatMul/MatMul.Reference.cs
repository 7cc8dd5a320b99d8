namespace Llm.Kernels;

/// <summary>
/// Matrix products and transposes. The product has no backward of its own: Ops/Tensor.MatMul.cs
/// computes dA = dC·Bᵀ and dB = Aᵀ·dC with this same primitive.
/// </summary>
public sealed partial class ReferenceBackend
{
    // For each batch i: C[i] (m×n) = beta·C[i] + op(A[i]) (m×k) · op(B[i]) (k×n), op = transpose when asked.
    // An output stride of 0 means every batch adds into the same C.
    public void MatMul(in MatMulArgs args)
    {
        var ((a, transA, strideA), (b, transB, strideB), c, strideC, batch, m, n, k, beta) = args;
        var (av, bv, cv) = (Data(a), Data(b), Data(c));
        for (var i = 0; i < batch; i++)
        {
            var (a0, b0, c0) = (i * strideA, i * strideB, i * strideC);
            var betaHere = strideC == 0 && i > 0 ? 1f : beta;
            for (var row = 0; row < m; row++)
            {
                for (var col = 0; col < n; col++)
                {
                    double sum = 0;
                    for (var p = 0; p < k; p++)
                    {
                        var x = transA ? av[a0 + ((long)p * m) + row] : av[a0 + ((long)row * k) + p];   // op(A)[row, p]
                        var y = transB ? bv[b0 + ((long)col * k) + p] : bv[b0 + ((long)p * n) + col];   // op(B)[p, col]
                        sum += (double)x * y;
                    }

                    var at = c0 + ((long)row * n) + col;
                    cv[at] = (float)((betaHere == 0f ? 0.0 : betaHere * (double)cv[at]) + sum);
                }
            }
        }
    }
}
