// One copy of the matrix product kernel for small inner dimensions (see variants.h; API in ckernels.h).
//
// C = A·op(B) for a tall A (rows × k, k ≤ 1024) and a narrow B: the shapes of every dense layer in this workspace
// (k = 50–512) and of the LRU's projections. op(B) is first packed into panels of 32 columns, k rows each, so a
// panel row is two vectors; then eight rows of A at a time are multiplied with each panel, sixteen running sums
// in registers: per k, two loads of B, eight broadcasts of A, sixteen fused multiply–adds.
//
// Each entry is one chain of fused multiply–adds over k = 0, 1, …, in order, from 0, then stored or (β = 1) added
// to C, and each entry is computed by one thread: results never depend on the thread count. What the kernel adds
// is speed for these shapes, where OpenBLAS reaches only 90–180 GFLOP/s on two cores. The tests hold it to a plain
// Double-accumulated product within Float accuracy (SmallGemmTests).
#include "simd16.h"

static inline f16v T2T_NAME(fmaMK)(f16v a, f16v b, f16v c) { return __builtin_elementwise_fma(a, b, c); }

void T2T_NAME(t2t_sgemm_pack)(const float *b, long ldb, int trans_b, long k, long n, float *packed) {
    long panels = (n + 31) / 32;
    for (long p = 0; p < panels; p++)
        for (long kk = 0; kk < k; kk++) {
            float *dst = packed + (p * k + kk) * 32;
            for (long j = 0; j < 32; j++) {
                long col = p * 32 + j;
                dst[j] = col < n ? (trans_b ? b[col * ldb + kk] : b[kk * ldb + col]) : 0;
            }
        }
}

/// Rows `rows` (≤ 8) of A times one packed panel, into acc0/acc1 (columns 0–15 and 16–31 of the panel).
static inline void T2T_NAME(tile)(const float *const ar[8], int rows, const float *panel, long k, f16v acc0[8],
                                  f16v acc1[8]) {
    for (int r = 0; r < 8; r++) acc0[r] = acc1[r] = T2T_NAME(splat16)(0);
    if (rows == 8) {  // the common case, with a constant trip count the compiler unrolls into registers
        for (long kk = 0; kk < k; kk++) {
            f16v b0 = T2T_NAME(load16)(panel + kk * 32), b1 = T2T_NAME(load16)(panel + kk * 32 + 16);
            for (int r = 0; r < 8; r++) {
                f16v a = T2T_NAME(splat16)(ar[r][kk]);
                acc0[r] = T2T_NAME(fmaMK)(a, b0, acc0[r]);
                acc1[r] = T2T_NAME(fmaMK)(a, b1, acc1[r]);
            }
        }
        return;
    }
    for (long kk = 0; kk < k; kk++) {
        f16v b0 = T2T_NAME(load16)(panel + kk * 32), b1 = T2T_NAME(load16)(panel + kk * 32 + 16);
        for (int r = 0; r < rows; r++) {
            f16v a = T2T_NAME(splat16)(ar[r][kk]);
            acc0[r] = T2T_NAME(fmaMK)(a, b0, acc0[r]);
            acc1[r] = T2T_NAME(fmaMK)(a, b1, acc1[r]);
        }
    }
}

#if T2T_LEVEL == 3
// AVX2 has sixteen 8-lane registers, half of what the tile above needs (its sixteen 16-lane sums are 32 of them, so
// the compiler spilled sums to memory inside the k loop: the AVX2 small products ran at about half the speed of
// OpenBLAS's Haswell kernel). This copy takes 6 rows × 16 columns at a time, half a panel: twelve 8-lane sums, two
// loads of B and one broadcast of A per k. Every entry is still one chain of fused multiply–adds over k in order
// from 0, so it computes exactly the bits of the AVX-512 copy.
#ifndef T2T_F8V_TYPE
#define T2T_F8V_TYPE
typedef float f8v __attribute__((vector_size(32)));
#endif
static inline f8v T2T_NAME(load8)(const float *p) { f8v v; memcpy(&v, p, sizeof v); return v; }
static inline void T2T_NAME(store8)(float *p, f8v v) { memcpy(p, &v, sizeof v); }
static inline f8v T2T_NAME(splat8)(float x) { return (f8v){x, x, x, x, x, x, x, x}; }

/// Rows `rows` (≤ 6) of A times 8·V (V = 1 or 2) columns of a packed panel (`half` points at column 0 or 16 of
/// it). V = 1 serves a last half of at most 8 columns: 56 columns computed for a 50-wide result instead of 64.
static inline __attribute__((always_inline)) void T2T_NAME(tile6)(const float *const ar[6], int rows,
                                                                  const float *half, long k, int V, f8v acc[6][2]) {
    for (int r = 0; r < 6; r++) acc[r][0] = acc[r][1] = T2T_NAME(splat8)(0);
    if (rows == 6) {
        for (long kk = 0; kk < k; kk++) {
            f8v b[2];
            for (int v = 0; v < V; v++) b[v] = T2T_NAME(load8)(half + kk * 32 + 8 * v);
            for (int r = 0; r < 6; r++) {
                f8v a = T2T_NAME(splat8)(ar[r][kk]);
                for (int v = 0; v < V; v++) acc[r][v] = __builtin_elementwise_fma(a, b[v], acc[r][v]);
            }
        }
        return;
    }
    for (long kk = 0; kk < k; kk++) {
        f8v b[2];
        for (int v = 0; v < V; v++) b[v] = T2T_NAME(load8)(half + kk * 32 + 8 * v);
        for (int r = 0; r < rows; r++) {
            f8v a = T2T_NAME(splat8)(ar[r][kk]);
            for (int v = 0; v < V; v++) acc[r][v] = __builtin_elementwise_fma(a, b[v], acc[r][v]);
        }
    }
}

void T2T_NAME(t2t_sgemm_rows)(const float *a, long lda, const float *packed, long k, long n, float *c, long ldc,
                              long row_begin, long row_end, int accumulate) {
    long panels = (n + 31) / 32;
    for (long i = row_begin; i < row_end; i += 6) {
        int rows = row_end - i < 6 ? (int)(row_end - i) : 6;
        const float *ar[6];
        for (int r = 0; r < 6; r++) ar[r] = a + (i + (r < rows ? r : 0)) * lda;
        for (long p = 0; p < panels; p++) {
            for (long h = 0; h < 2; h++) {
                long col0 = p * 32 + h * 16, cols = n - col0 < 16 ? n - col0 : 16;
                if (cols <= 0) break;
                f8v acc[6][2];
                if (cols > 8) T2T_NAME(tile6)(ar, rows, packed + p * k * 32 + h * 16, k, 2, acc);
                else T2T_NAME(tile6)(ar, rows, packed + p * k * 32 + h * 16, k, 1, acc);
                for (int r = 0; r < rows; r++) {
                    float *cr = c + (i + r) * ldc + col0;
                    if (cols == 16) {
                        T2T_NAME(store8)(cr, accumulate ? T2T_NAME(load8)(cr) + acc[r][0] : acc[r][0]);
                        T2T_NAME(store8)(cr + 8, accumulate ? T2T_NAME(load8)(cr + 8) + acc[r][1] : acc[r][1]);
                    } else {
                        float t[16];
                        T2T_NAME(store8)(t, acc[r][0]);
                        T2T_NAME(store8)(t + 8, acc[r][1]);
                        for (long j = 0; j < cols; j++) cr[j] = accumulate ? cr[j] + t[j] : t[j];
                    }
                }
            }
        }
    }
}
#else
#if T2T_LEVEL == 4
#ifndef T2T_F8V_TYPE
#define T2T_F8V_TYPE
typedef float f8v __attribute__((vector_size(32)));
#endif
/// A last panel of at most 24 columns: W16 (0 or 1) 16-lane and W8 (0 or 1) 8-lane sums per row instead of two
/// 16-lane ones, so a 50-wide result computes 56 columns instead of 64 and a 100-wide one 104 instead of 128.
static inline __attribute__((always_inline)) void T2T_NAME(narrowTile)(const float *const ar[8], int rows,
                                                                       const float *panel, long k, int W16, int W8,
                                                                       f16v acc16[8], f8v acc8[8]) {
    for (int r = 0; r < 8; r++) acc16[r] = T2T_NAME(splat16)(0), acc8[r] = (f8v){0, 0, 0, 0, 0, 0, 0, 0};
#define T2T_NARROW_STEP(ROWS)                                                                                      \
    for (long kk = 0; kk < k; kk++) {                                                                             \
        f16v b16 = T2T_NAME(splat16)(0);                                                                          \
        f8v b8 = {0, 0, 0, 0, 0, 0, 0, 0};                                                                        \
        if (W16) b16 = T2T_NAME(load16)(panel + kk * 32);                                                         \
        if (W8) memcpy(&b8, panel + kk * 32 + 16 * W16, sizeof b8);                                               \
        for (int r = 0; r < (ROWS); r++) {                                                                        \
            float x = ar[r][kk];                                                                                  \
            if (W16) acc16[r] = T2T_NAME(fmaMK)(T2T_NAME(splat16)(x), b16, acc16[r]);                             \
            if (W8) acc8[r] = __builtin_elementwise_fma((f8v){x, x, x, x, x, x, x, x}, b8, acc8[r]);              \
        }                                                                                                         \
    }
    if (rows == 8) { T2T_NARROW_STEP(8) } else { T2T_NARROW_STEP(rows) }
#undef T2T_NARROW_STEP
}
#endif
void T2T_NAME(t2t_sgemm_rows)(const float *a, long lda, const float *packed, long k, long n, float *c, long ldc,
                              long row_begin, long row_end, int accumulate) {
    long panels = (n + 31) / 32;
    for (long i = row_begin; i < row_end; i += 8) {
        int rows = row_end - i < 8 ? (int)(row_end - i) : 8;
        const float *ar[8];
        for (int r = 0; r < 8; r++) ar[r] = a + (i + (r < rows ? r : 0)) * lda;
        for (long p = 0; p < panels; p++) {
            f16v acc0[8], acc1[8];
            long cols = n - p * 32 < 32 ? n - p * 32 : 32;
#if T2T_LEVEL == 4
            if (cols <= 24) {
                f16v acc16[8];
                f8v acc8[8];
                const float *panel = packed + p * k * 32;
                int w16 = cols > 8, w8 = cols <= 8 || cols > 16;
                if (w16 && w8) T2T_NAME(narrowTile)(ar, rows, panel, k, 1, 1, acc16, acc8);
                else if (w16) T2T_NAME(narrowTile)(ar, rows, panel, k, 1, 0, acc16, acc8);
                else T2T_NAME(narrowTile)(ar, rows, panel, k, 0, 1, acc16, acc8);
                for (int r = 0; r < rows; r++) {
                    float *cr = c + (i + r) * ldc + p * 32, t[32];
                    if (w16) T2T_NAME(store16)(t, acc16[r]);
                    if (w8) memcpy(t + 16 * w16, &acc8[r], sizeof acc8[r]);
                    for (long j = 0; j < cols; j++) cr[j] = accumulate ? cr[j] + t[j] : t[j];
                }
                continue;
            }
#endif
            T2T_NAME(tile)(ar, rows, packed + p * k * 32, k, acc0, acc1);
            for (int r = 0; r < rows; r++) {
                float *cr = c + (i + r) * ldc + p * 32;
                if (cols == 32) {
                    T2T_NAME(store16)(cr, accumulate ? T2T_NAME(load16)(cr) + acc0[r] : acc0[r]);
                    T2T_NAME(store16)(cr + 16, accumulate ? T2T_NAME(load16)(cr + 16) + acc1[r] : acc1[r]);
                } else {
                    float t[32];
                    T2T_NAME(store16)(t, acc0[r]);
                    T2T_NAME(store16)(t + 16, acc1[r]);
                    for (long j = 0; j < cols; j++) cr[j] = accumulate ? cr[j] + t[j] : t[j];
                }
            }
        }
    }
}
#endif
