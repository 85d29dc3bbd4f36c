// One copy of the causal softmax kernels (see variants.h; the API is documented in ckernels.h).
//
// They reproduce Float's Swift kernels exactly. Those keep eight running sums (lane k adds the scores with
// j ≡ k mod 8, in order), add the eight lanes in order 0…7, and then the scores of the last n mod 8 columns one
// by one. Here the rows are read 16 at a time, but the sums are still kept in eight lanes and fed the two halves
// of each 16 in turn, which is the same sequence of additions. Maxima and the elementwise steps do not depend on
// the order at all.
#include "simd16.h"

#ifndef T2T_F8V
#define T2T_F8V
typedef float f8v __attribute__((vector_size(32)));
#endif

static inline f8v T2T_NAME(low8)(f16v v) { return __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7); }
static inline f8v T2T_NAME(high8)(f16v v) { return __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15); }

/// Lanes 0…7 added in order, as Swift's `SIMD8.sum()`.
static inline float T2T_NAME(sum8InOrder)(f8v v) {
    float s = v[0];
    for (int k = 1; k < 8; k++) s += v[k];
    return s;
}


static void T2T_NAME(softmaxRow)(float *row, long n, long columns, float scale) {
    long full = n & ~7L, full16 = n & ~15L, j;
    // the maximum (any order gives the same)
    f16v mx = T2T_NAME(splat16)(-__builtin_inff());
    for (j = 0; j < full16; j += 16) mx = T2T_NAME(max16)(mx, T2T_NAME(load16)(row + j));
    float m = T2T_NAME(max16h)(mx);
    for (; j < n; j++) m = row[j] > m ? row[j] : m;
    float shift = scale * m;
    // e_j = exp(scale·s_j − shift), summed as described at the top
    f8v sum8 = {0, 0, 0, 0, 0, 0, 0, 0};
    for (j = 0; j < full16; j += 16) {
        f16v e = T2T_NAME(exp16)(T2T_NAME(load16)(row + j) * scale - shift);
        T2T_NAME(store16)(row + j, e);
        sum8 = sum8 + T2T_NAME(low8)(e);
        sum8 = sum8 + T2T_NAME(high8)(e);
    }
    // at most one more block of 8 (full − full16 is 0 or 8), then the tail one by one: both through a padded
    // 16-lane load so that the arithmetic is the same as above
    float tail[16];
    long rest = n - j;
    if (rest > 0) {
        memcpy(tail, row + j, sizeof(float) * (size_t)rest);
        for (long k = rest; k < 16; k++) tail[k] = 0;
        f16v e = T2T_NAME(exp16)(T2T_NAME(load16)(tail) * scale - shift);
        T2T_NAME(store16)(tail, e);
        memcpy(row + j, tail, sizeof(float) * (size_t)rest);
        if (full > j) sum8 = sum8 + T2T_NAME(low8)(e);
    }
    float sum = T2T_NAME(sum8InOrder)(sum8);
    for (long k = full - j; k < rest; k++) sum += tail[k];
    float inv = 1 / sum;
    for (j = 0; j < full16; j += 16) T2T_NAME(store16)(row + j, T2T_NAME(load16)(row + j) * inv);
    for (; j < n; j++) row[j] *= inv;
    for (j = n; j < columns; j++) row[j] = 0;
}

void T2T_NAME(t2t_causal_softmax_rows)(float *s, long ld, long first_row, long rows, long columns, float scale) {
    for (long r = 0; r < rows; r++) T2T_NAME(softmaxRow)(s + r * ld, first_row + r + 1, columns, scale);
}

static void T2T_NAME(softmaxBackwardRow)(const float *a, float *da, long n, long columns, float scale) {
    long full = n & ~7L, full16 = n & ~15L, j;
    f8v dot8 = {0, 0, 0, 0, 0, 0, 0, 0};
    for (j = 0; j < full16; j += 16) {
        f16v p = T2T_NAME(load16)(a + j) * T2T_NAME(load16)(da + j);
        dot8 = dot8 + T2T_NAME(low8)(p);
        dot8 = dot8 + T2T_NAME(high8)(p);
    }
    if (full > j) {
        float a8[16] = {0}, d8[16] = {0};
        memcpy(a8, a + j, 8 * sizeof(float));
        memcpy(d8, da + j, 8 * sizeof(float));
        dot8 = dot8 + T2T_NAME(low8)(T2T_NAME(load16)(a8) * T2T_NAME(load16)(d8));
    }
    float dot = T2T_NAME(sum8InOrder)(dot8);
    for (j = full; j < n; j++) dot += a[j] * da[j];
    for (j = 0; j < full16; j += 16) {
        f16v x = T2T_NAME(load16)(a + j) * scale;
        T2T_NAME(store16)(da + j, x * (T2T_NAME(load16)(da + j) - dot));
    }
    for (; j < n; j++) da[j] = scale * a[j] * (da[j] - dot);
    for (j = n; j < columns; j++) da[j] = 0;
}

void T2T_NAME(t2t_causal_softmax_backward_rows)(const float *a, float *da, long ld, long first_row, long rows,
                                                long columns, float scale) {
    for (long r = 0; r < rows; r++)
        T2T_NAME(softmaxBackwardRow)(a + r * ld, da + r * ld, first_row + r + 1, columns, scale);
}
