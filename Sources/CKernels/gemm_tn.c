#include "ckernels.h"
#include <stdlib.h>
// Rows of k per pass over all tiles: 8 columns of A and 32 of B for 64 rows, times every tile, fit in L1 (a
// whole 448-row block of them did not, and the kernel then ran at L2's speed). The chains carry over between
// passes through a buffer of sums (256 floats per 8 × 32 tile), values stored and reloaded unchanged.
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

long t2t_sgemm_tn_tile_count(long m, long n) { return (m + 7) / 8 * ((n + 31) / 32); }

void t2t_sgemm_tn_tiles(const float *a, long lda, const float *b, long ldb, long k, long m, long n, float *c,
                        long ldc, long tile_begin, long tile_end, int threaded) {
    float *sums = aligned_alloc(64, (size_t)(tile_end - tile_begin) * 256 * sizeof(float));
    long row_tiles = (m + 7) / 8, panels = (tile_end - 1) / row_tiles - tile_begin / row_tiles + 1;
    float *packed = aligned_alloc(64, (size_t)T2T_TN_PASS * panels * 32 * sizeof(float));
    T2T_DISPATCH(t2t_sgemm_tn_tiles, (a, lda, b, ldb, k, m, n, c, ldc, tile_begin, tile_end, threaded, sums, packed))
    free(packed);
    free(sums);
}
