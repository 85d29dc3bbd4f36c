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

void T2T_NAME(t2t_sgemm_rows)(const float *a, long lda, const float *packed, long k, long n, float *c, long ldc,
                              long row_begin, long row_end, int accumulate) {
    long panels = (n + 31) / 32;
    for (long i = row_begin; i < row_end; i += 8) {
        int rows = row_end - i < 8 ? (int)(row_end - i) : 8;
        const float *ar[8];
        for (int r = 0; r < 8; r++) ar[r] = a + (i + (r < rows ? r : 0)) * lda;
        for (long p = 0; p < panels; p++) {
            f16v acc0[8], acc1[8];
            T2T_NAME(tile)(ar, rows, packed + p * k * 32, k, acc0, acc1);
            long cols = n - p * 32 < 32 ? n - p * 32 : 32;
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
