// One copy of the weight-gradient matrix product kernel (see variants.h; API in ckernels.h).
//
// C = Aᵀ·B for a long inner dimension and a small result: the gradient of a dense layer's weight, summed over all
// B·T rows of a batch (k = 5000 for paper 000's models, the result 50 × 50 to 100 × 50). Both are read where they lie,
// 8 columns of A times 32 of B at a time; only B's last columns, when n is not a multiple of 32, are copied into a
// zero-padded panel (t2t_sgemm_tn_pack_tail) so that every load is 16 whole floats.
//
// The order of the sums is OpenBLAS's: it cuts k into blocks (t2t_sgemm_tn_cut, which differs between its one-
// thread and threaded drivers), computes each block's chain of fused multiply–adds from zero and adds it to C.
// Doing the same gives the bits the chapters have always printed. The loops run block by block so that one
// block of A and of the packed B (at most 448 rows) stays in cache while every tile uses it.
#include "simd16.h"

/// Eight columns of A (at offsets `col[r]` from row kk's start) times 32 columns of B over rows [k0, k1),
/// continuing the chains of fused multiply–adds in acc0/acc1 (sums for 8 rows × 32 columns of C). `b` points at
/// the first of the 32 columns in row 0 and `ldb` is its row stride: B itself, or the packed tail. A last tile of
/// fewer than eight columns repeats one (col[r] = col[0]) rather than taking a slower loop of variable length.
static inline void T2T_NAME(tileTN)(const float *a, long lda, const long col[8], const float *b, long ldb, long k0,
                                    long k1, f16v acc0[8], f16v acc1[8]) {
    for (long kk = k0; kk < k1; kk++) {
        const float *ak = a + kk * lda;
        f16v b0 = T2T_NAME(load16)(b + kk * ldb), b1 = T2T_NAME(load16)(b + kk * ldb + 16);
        for (int r = 0; r < 8; r++) {
            f16v x = T2T_NAME(splat16)(ak[col[r]]);
            acc0[r] = __builtin_elementwise_fma(x, b0, acc0[r]);
            acc1[r] = __builtin_elementwise_fma(x, b1, acc1[r]);
        }
    }
}

/// C[r][j] ← C[r][j] + sum, for the first `rows` rows and `width` ≤ 32 columns; the first block adds to zero,
/// as OpenBLAS's does after clearing C (so a sum of −0 is stored as +0, as there).
static inline void T2T_NAME(addTile)(float *c, long ldc, int rows, long width, int first, const float *sums) {
    for (int r = 0; r < rows; r++) {
        float *cr = c + r * ldc;
        const float *sr = sums + r * 32;
        if (width == 32) {
            f16v old0 = first ? T2T_NAME(splat16)(0) : T2T_NAME(load16)(cr);
            f16v old1 = first ? T2T_NAME(splat16)(0) : T2T_NAME(load16)(cr + 16);
            T2T_NAME(store16)(cr, old0 + T2T_NAME(load16)(sr));
            T2T_NAME(store16)(cr + 16, old1 + T2T_NAME(load16)(sr + 16));
        } else {
            for (long j = 0; j < width; j++) cr[j] = (first ? 0.0f : cr[j]) + sr[j];
        }
    }
}

void T2T_NAME(t2t_sgemm_tn_tiles)(const float *a, long lda, const float *b, long ldb, const float *tail, long k,
                                  long m, long n, float *c, long ldc, long tile_begin, long tile_end, int threaded,
                                  float *sums) {
    long panels = (n + 31) / 32, tiles = tile_end - tile_begin;
    for (long k0 = 0; k0 < k;) {
        long k1 = k0 + t2t_sgemm_tn_cut(k - k0, threaded);
        for (long t = 0; t < tiles * 256; t++) sums[t] = 0;
        for (long p0 = k0; p0 < k1; p0 += T2T_TN_PASS) {
            long p1 = p0 + T2T_TN_PASS < k1 ? p0 + T2T_TN_PASS : k1;
            for (long t = 0; t < tiles; t++) {
                long i = (tile_begin + t) / panels * 8, p = (tile_begin + t) % panels;
                long col[8];
                for (int r = 0; r < 8; r++) col[r] = i + (i + r < m ? r : 0);
                float *tileSums = sums + t * 256;
                f16v acc0[8], acc1[8];
                for (int r = 0; r < 8; r++) {
                    acc0[r] = T2T_NAME(load16)(tileSums + r * 32);
                    acc1[r] = T2T_NAME(load16)(tileSums + r * 32 + 16);
                }
                if (n - p * 32 >= 32) T2T_NAME(tileTN)(a, lda, col, b + p * 32, ldb, p0, p1, acc0, acc1);
                else T2T_NAME(tileTN)(a, lda, col, tail, 32, p0, p1, acc0, acc1);
                for (int r = 0; r < 8; r++) {
                    T2T_NAME(store16)(tileSums + r * 32, acc0[r]);
                    T2T_NAME(store16)(tileSums + r * 32 + 16, acc1[r]);
                }
            }
        }
        for (long t = 0; t < tiles; t++) {
            long i = (tile_begin + t) / panels * 8, p = (tile_begin + t) % panels;
            long rows = m - i < 8 ? m - i : 8, width = n - p * 32 < 32 ? n - p * 32 : 32;
            T2T_NAME(addTile)(c + i * ldc + p * 32, ldc, (int)rows, width, k0 == 0, sums + t * 256);
        }
        k0 = k1;
    }
}
