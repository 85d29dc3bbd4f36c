#include "ckernels.h"
#include <stdlib.h>
// Rows of k per pass over all tiles: the pass's rows of A and packed B (64 × (m + n) floats) stay in L1 while
// every tile uses them. The chains carry over between passes through a buffer of sums (256 floats per 8 × 32
// tile), values stored and reloaded unchanged.
#define T2T_TN_PASS 64
#define T2T_BODY "gemm_tn_body.h"
#include "variants.h"

// OpenBLAS 0.3.21's level-3 drivers on Skylake-X, whose block is 448 (driver/level3/level3.c and
// level3_thread.c): whole blocks while at least two remain, then the rest in two halves. The one-thread driver
// rounds the first half up to a multiple of 16 (its kernel's unroll), the threaded one only to a whole row.
long t2t_sgemm_tn_cut(long remaining, int threaded) {
    if (remaining >= 2 * 448) return 448;
    if (remaining <= 448) return remaining;
    return threaded ? (remaining + 1) / 2 : (remaining / 2 + 15) / 16 * 16;
}

void t2t_sgemm_tn_block_sums(const float *a, long lda, const float *b, long ldb, long k, long m, long n, int threaded,
                             long block_begin, long block_end, float *out) {
    long tiles = (m + 7) / 8 * ((n + 31) / 32), panels = (n + 31) / 32;
    float *sums = aligned_alloc(64, (size_t)tiles * 256 * sizeof(float));
    float *packed = aligned_alloc(64, (size_t)T2T_TN_PASS * panels * 32 * sizeof(float));
    T2T_DISPATCH(t2t_sgemm_tn_block_sums,
                 (a, lda, b, ldb, k, m, n, threaded, block_begin, block_end, out, sums, packed))
    free(packed);
    free(sums);
}

void t2t_sgemm_tn_add_blocks(const float *sums, long blocks, long m, long n, float *c, long ldc) {
    for (long i = 0; i < m; i++) {
        float *ci = c + i * ldc;
        for (long j = 0; j < n; j++) ci[j] = 0;
        for (long q = 0; q < blocks; q++) {
            const float *s = sums + (q * m + i) * n;
            for (long j = 0; j < n; j++) ci[j] = ci[j] + s[j];
        }
    }
}
