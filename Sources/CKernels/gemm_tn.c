#include "ckernels.h"
#include <stdlib.h>
// Rows of k per pass over all tiles: the pass's rows of A and packed B (64 × (m + n) floats) stay in L1 while
// every tile uses them. The chains carry over between passes through a buffer of sums (256 floats per 8 × 32
// tile), values stored and reloaded unchanged.
#define T2T_TN_PASS 64
// Rows of k per block: eight passes. Each block's chains start from zero and the blocks are added in order, so
// a block is also the unit of work a thread takes (k = 5000, the LRU's gradients: ten blocks for two threads).
#define T2T_TN_BLOCK 512
#define T2T_BODY "gemm_tn_body.h"
#include "variants.h"

// Blocks of k are T2T_TN_BLOCK rows long, the last one shorter: a fixed cut, so the sums never depend on the
// thread count (threads take whole blocks) or on anything else about the machine.
long t2t_sgemm_tn_blocks(long k) { return (k + T2T_TN_BLOCK - 1) / T2T_TN_BLOCK; }

void t2t_sgemm_tn_block_sums(const float *a, long lda, const float *b, long ldb, long k, long m, long n,
                             long block_begin, long block_end, float *out) {
    long tiles = (m + 7) / 8 * ((n + 31) / 32), panels = (n + 31) / 32;
    float *sums = aligned_alloc(64, (size_t)tiles * 256 * sizeof(float));
    float *packed = aligned_alloc(64, (size_t)T2T_TN_PASS * panels * 32 * sizeof(float));
    T2T_DISPATCH(t2t_sgemm_tn_block_sums,
                 (a, lda, b, ldb, k, m, n, block_begin, block_end, out, sums, packed))
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
