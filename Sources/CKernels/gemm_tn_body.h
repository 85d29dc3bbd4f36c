// One copy of the weight-gradient matrix product kernel (see variants.h; API in ckernels.h).
//
// C = Aᵀ·B for a long inner dimension and a small result: the gradient of a dense layer's weight, summed over all
// B·T rows of a batch (k = 5000 for paper 000's models, the result 50 × 50 to 100 × 50).
//
// k is cut into blocks of 512 rows (the last shorter); each block's chain of fused multiply–adds starts from
// zero, and the blocks are added to C in order. That makes the blocks independent: threads take whole blocks,
// each block's sums go to their own buffer, and t2t_sgemm_tn_add_blocks adds them in order, so the result is the
// same on any number of threads. (Until decision 35 the cut copied OpenBLAS's, which differs between its one-
// thread and threaded drivers; the course no longer asks for OpenBLAS's bits, only for Float accuracy.)
// A thread then reads only its rows of A and B, which the row-split kernels before it left in its own cache;
// splitting the columns of C instead made both threads read all of A and B, and the LRU's step took 10% longer.
//
// Within a block the rows go in passes of 64 (T2T_TN_PASS): B's rows are copied into zero-padded panels of 32
// columns (so every load is 16 whole floats), then every 8 × 32 tile of C continues its chain over the pass,
// eight columns of A read where they lie times one panel, the sums kept between passes in a small buffer.
#include "simd16.h"

/// Eight columns of A (at offsets `col[r]` in each row) times one packed 32-column panel of B, over `rows` rows
/// of both, continuing the chains of fused multiply–adds in acc0/acc1 (sums for 8 rows × 32 columns of C). A last
/// tile of fewer than eight columns repeats one (col[r] = col[0]) rather than taking a loop of variable length.
static inline void T2T_NAME(tileTN)(const float *a, long lda, const long col[8], const float *panel, long rows,
                                    f16v acc0[8], f16v acc1[8]) {
    for (long kk = 0; kk < rows; kk++) {
        const float *ak = a + kk * lda;
        f16v b0 = T2T_NAME(load16)(panel + kk * 32), b1 = T2T_NAME(load16)(panel + kk * 32 + 16);
        for (int r = 0; r < 8; r++) {
            f16v x = T2T_NAME(splat16)(ak[col[r]]);
            acc0[r] = __builtin_elementwise_fma(x, b0, acc0[r]);
            acc1[r] = __builtin_elementwise_fma(x, b1, acc1[r]);
        }
    }
}

#if T2T_LEVEL == 3
// AVX2 has sixteen 8-lane registers, half of what the 8 × 32 tile above needs in sums alone. This copy covers the
// same tile in three parts that fit: columns 0–5 of A times each 16-column half of the panel (twelve sums), then
// columns 6–7 times the whole panel (eight). Each entry's chain over k is unchanged, so the bits are the AVX-512
// copy's.
#ifndef T2T_F8V_TYPE
#define T2T_F8V_TYPE
typedef float f8v __attribute__((vector_size(32)));
#endif
static inline f8v T2T_NAME(loadTN8)(const float *p) { f8v v; memcpy(&v, p, sizeof v); return v; }
static inline void T2T_NAME(storeTN8)(float *p, f8v v) { memcpy(p, &v, sizeof v); }
static inline f8v T2T_NAME(splatTN8)(float x) { return (f8v){x, x, x, x, x, x, x, x}; }

/// Sums of tile rows r0 ..< r0 + R (R ≤ 6), columns c0 ..< c0 + 8·V of the 8 × 32 tile, continued over `rows` rows.
static inline void T2T_NAME(partTN)(const float *a, long lda, const long col[8], int r0, int R, const float *panel,
                                    int c0, int V, long rows, float *tileSums) {
    f8v acc[6][4];
    for (int r = 0; r < R; r++)
        for (int v = 0; v < V; v++) acc[r][v] = T2T_NAME(loadTN8)(tileSums + (r0 + r) * 32 + c0 + 8 * v);
    for (long kk = 0; kk < rows; kk++) {
        const float *ak = a + kk * lda;
        f8v b[4];
        for (int v = 0; v < V; v++) b[v] = T2T_NAME(loadTN8)(panel + kk * 32 + c0 + 8 * v);
        for (int r = 0; r < R; r++) {
            f8v x = T2T_NAME(splatTN8)(ak[col[r0 + r]]);
            for (int v = 0; v < V; v++) acc[r][v] = __builtin_elementwise_fma(x, b[v], acc[r][v]);
        }
    }
    for (int r = 0; r < R; r++)
        for (int v = 0; v < V; v++) T2T_NAME(storeTN8)(tileSums + (r0 + r) * 32 + c0 + 8 * v, acc[r][v]);
}

/// The whole 8 × 32 tile in three parts, sums kept in tileSums between passes.
static inline void T2T_NAME(tileTNParts)(const float *a, long lda, const long col[8], const float *panel, long rows,
                                         float *tileSums) {
    T2T_NAME(partTN)(a, lda, col, 0, 6, panel, 0, 2, rows, tileSums);
    T2T_NAME(partTN)(a, lda, col, 0, 6, panel, 16, 2, rows, tileSums);
    T2T_NAME(partTN)(a, lda, col, 6, 2, panel, 0, 4, rows, tileSums);
}
#endif

/// Rows [k0, k1) of B into panels of 32 columns (the last zero-padded), panel p at packed + p·(k1 − k0)·32.
static void T2T_NAME(packRows)(const float *b, long ldb, long n, long k0, long k1, float *packed) {
    long rows = k1 - k0;
    for (long p = 0; p < (n + 31) / 32; p++) {
        long width = n - p * 32 < 32 ? n - p * 32 : 32;
        for (long kk = 0; kk < rows; kk++) {
            const float *src = b + (k0 + kk) * ldb + p * 32;
            float *dst = packed + (p * rows + kk) * 32;
            if (width == 32) {
                T2T_NAME(store16)(dst, T2T_NAME(load16)(src));
                T2T_NAME(store16)(dst + 16, T2T_NAME(load16)(src + 16));
            } else {
                for (long j = 0; j < width; j++) dst[j] = src[j];
                for (long j = width; j < 32; j++) dst[j] = 0;
            }
        }
    }
}

void T2T_NAME(t2t_sgemm_tn_block_sums)(const float *a, long lda, const float *b, long ldb, long k, long m, long n,
                                       long block_begin, long block_end, float *out, float *sums,
                                       float *packed) {
    long row_tiles = (m + 7) / 8, panels = (n + 31) / 32, tiles = row_tiles * panels;
    long k0 = block_begin * T2T_TN_BLOCK;
    for (long q = block_begin; q < block_end; q++) {
        long k1 = k0 + T2T_TN_BLOCK < k ? k0 + T2T_TN_BLOCK : k;
        for (long t = 0; t < tiles * 256; t++) sums[t] = 0;
        for (long p0 = k0; p0 < k1; p0 += T2T_TN_PASS) {
            long p1 = p0 + T2T_TN_PASS < k1 ? p0 + T2T_TN_PASS : k1;
            T2T_NAME(packRows)(b, ldb, n, p0, p1, packed);
            for (long t = 0; t < tiles; t++) {
                long p = t / row_tiles, i = t % row_tiles * 8;
                long col[8];
                for (int r = 0; r < 8; r++) col[r] = i + (i + r < m ? r : 0);
                float *tileSums = sums + t * 256;
#if T2T_LEVEL == 3
                T2T_NAME(tileTNParts)(a + p0 * lda, lda, col, packed + p * (p1 - p0) * 32, p1 - p0, tileSums);
#else
                f16v acc0[8], acc1[8];
                for (int r = 0; r < 8; r++) {
                    acc0[r] = T2T_NAME(load16)(tileSums + r * 32);
                    acc1[r] = T2T_NAME(load16)(tileSums + r * 32 + 16);
                }
                T2T_NAME(tileTN)(a + p0 * lda, lda, col, packed + p * (p1 - p0) * 32, p1 - p0, acc0, acc1);
                for (int r = 0; r < 8; r++) {
                    T2T_NAME(store16)(tileSums + r * 32, acc0[r]);
                    T2T_NAME(store16)(tileSums + r * 32 + 16, acc1[r]);
                }
#endif
            }
        }
        float *block = out + (q - block_begin) * m * n;
        for (long t = 0; t < tiles; t++) {
            long p = t / row_tiles, i = t % row_tiles * 8;
            long rows = m - i < 8 ? m - i : 8, width = n - p * 32 < 32 ? n - p * 32 : 32;
            for (long r = 0; r < rows; r++)
                for (long j = 0; j < width; j++) block[(i + r) * n + p * 32 + j] = sums[t * 256 + r * 32 + j];
        }
        k0 = k1;
    }
}
