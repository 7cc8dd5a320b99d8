// A stand-in for libcublas: the strided batched SGEMM, computed naively with cuBLAS's column-major
// definition C = α·op(A)·op(B) + β·C (and C not read when β = 0), with its argument checks.
#include <cstdio>

extern "C" {
int cublasCreate_v2(void** handle) { *handle = (void*)0x4; return 0; }
int cublasGetVersion_v2(void*, int* version) { *version = 120800; return 0; }
int cublasSetStream_v2(void*, void* stream) { return stream == (void*)0x2 ? 0 : 7; }
int cublasSetMathMode(void*, int mode) { return mode == 0 || mode == 3 ? 0 : 7; }
int cublasSgemmStridedBatched(void*, int ta, int tb, int m, int n, int k, const float* alpha, const float* A, int lda, long long sa,
                              const float* B, int ldb, long long sb, const float* beta, float* C, int ldc, long long sc, int batch)
{
    int rowsA = ta == 0 ? m : k, rowsB = tb == 0 ? k : n;
    if (m < 0 || n < 0 || k < 0 || batch < 0 || lda < (rowsA > 1 ? rowsA : 1) || ldb < (rowsB > 1 ? rowsB : 1) || ldc < (m > 1 ? m : 1))
    {
        std::fprintf(stderr, "emulator: cublasSgemmStridedBatched invalid: m %d n %d k %d lda %d ldb %d ldc %d\n", m, n, k, lda, ldb, ldc);
        return 7;
    }
    for (int b = 0; b < batch; b++)
    {
        const float* a = A + b * sa;
        const float* bb = B + b * sb;
        float* c = C + b * sc;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
            {
                float s = 0.0f;
                for (int l = 0; l < k; l++)
                {
                    float x = ta == 0 ? a[i + (long long)l * lda] : a[l + (long long)i * lda];
                    float y = tb == 0 ? bb[l + (long long)j * ldb] : bb[j + (long long)l * ldb];
                    s += x * y;
                }
                float* out = c + i + (long long)j * ldc;
                *out = *beta == 0.0f ? *alpha * s : *alpha * s + *beta * *out;
            }
    }
    return 0;
}
}
