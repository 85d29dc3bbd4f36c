// One copy of the elementwise Float kernels (see variants.h; the API is documented in ckernels.h).
//
// GELU, tanh approximation, with exactly the operations (and their order) of Learning's Swift loops in
// Activations.swift and of `rationalTanh` in FastTanh.swift, so the results are the same bits: the work is
// elementwise, so the vector width cannot change a result, as long as no multiply–add is fused.
#include "simd16.h"

/// `rationalTanh` on 16 lanes (written with explicit vectors: clang vectorises a plain loop only 256 bits wide).
static inline f16v T2T_NAME(rationalTanh16)(f16v a) {
    const float limit = 7.90531110763549805f;
    f16v x = T2T_NAME(select16)(a < -limit, T2T_NAME(splat16)(-limit), a);
    x = T2T_NAME(select16)(x > limit, T2T_NAME(splat16)(limit), x);
    f16v x2 = x * x;
    f16v p = T2T_NAME(splat16)(-2.76076847742355e-16f);
    p = p * x2 + 2.00018790482477e-13f;
    p = p * x2 - 8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    p = p * x;
    f16v q = T2T_NAME(splat16)(1.19825839466702e-06f);
    q = q * x2 + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    f16v absA = T2T_NAME(select16)(a < 0, -a, a);
    return T2T_NAME(select16)(absA < 0.0004f, a, p / q);
}

static inline f16v T2T_NAME(geluForward16)(f16v v) {
    const float c = 0.7978845608028654f, k = 0.044715f;  // √(2/π)
    return 0.5f * v * (1 + T2T_NAME(rationalTanh16)(c * (v + k * v * v * v)));
}

static inline f16v T2T_NAME(geluBackward16)(f16v v, f16v dy) {
    const float c = 0.7978845608028654f, k = 0.044715f;
    f16v t = T2T_NAME(rationalTanh16)(c * (v + k * v * v * v));
    f16v du = c * (1 + 3 * k * v * v);
    return dy * (0.5f * (1 + t) + 0.5f * v * (1 - t * t) * du);
}

/// Runs f on x (and y) 16 at a time; the last partial group goes through a zero-padded copy.
#define T2T_ELEMENTWISE(count, body)                                   \
    for (long i = 0; i < (count); i += 16) {                            \
        long n = (count) - i < 16 ? (count) - i : 16;                   \
        body                                                            \
    }

static inline f16v T2T_NAME(loadPart)(const float *p, long n) {
    if (n == 16) return T2T_NAME(load16)(p);
    float t[16] = {0};
    memcpy(t, p, sizeof(float) * (size_t)n);
    return T2T_NAME(load16)(t);
}

static inline void T2T_NAME(storePart)(float *p, f16v v, long n) {
    if (n == 16) { T2T_NAME(store16)(p, v); return; }
    float t[16];
    T2T_NAME(store16)(t, v);
    memcpy(p, t, sizeof(float) * (size_t)n);
}

void T2T_NAME(t2t_gelu_forward)(const float *x, float *y, long count) {
    T2T_ELEMENTWISE(count, {
        T2T_NAME(storePart)(y + i, T2T_NAME(geluForward16)(T2T_NAME(loadPart)(x + i, n)), n);
    })
}

void T2T_NAME(t2t_gelu_backward)(const float *x, const float *dy, float *dx, long count) {
    T2T_ELEMENTWISE(count, {
        f16v g = T2T_NAME(geluBackward16)(T2T_NAME(loadPart)(x + i, n), T2T_NAME(loadPart)(dy + i, n));
        T2T_NAME(storePart)(dx + i, g, n);
    })
}

// Layer norm, bit for bit Learning's Swift loops (LayerNormalization.swift). Their sums over a row run in a fixed
// order (the mean through `sumKernel`'s four running sums, the others one after another), which a vector over
// the row cannot reproduce; a vector over *rows* can: lane r of a 16-lane sum adds row r's terms in the row's own
// order. So each group of 16 rows is first transposed into a columns × 16 scratch tile, its sums are taken lane by
// lane, and the elementwise outputs, which need no order, are written row by row at full width.

/// Transposes 16 rows of 16 in registers: four rounds, each swapping the off-diagonal d × d blocks of every
/// 2d × 2d block (d = 8, 4, 2, 1); each swap is one two-source shuffle per row.
#ifndef T2T_TRANSPOSE_ROUND
#define T2T_TRANSPOSE_ROUND(d, ...) T2T_TRANSPOSE_ROUND_(d, __VA_ARGS__)
#define T2T_TRANSPOSE_ROUND_(d, l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, l12, l13, l14, l15, h0, h1, h2, h3, \
                             h4, h5, h6, h7, h8, h9, h10, h11, h12, h13, h14, h15)                                     \
    for (int i = 0; i < 16; i++) {                                                                                   \
        if (i & d) continue;                                                                                         \
        f16v a = v[i], b = v[i + d];                                                                                 \
        v[i] = __builtin_shufflevector(a, b, l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, l12, l13, l14, l15); \
        v[i + d] = __builtin_shufflevector(a, b, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, h12, h13, h14, h15); \
    }
#endif

static void T2T_NAME(transpose16)(f16v v[16]) {
    T2T_TRANSPOSE_ROUND(8, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31)
    T2T_TRANSPOSE_ROUND(4, 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31)
    T2T_TRANSPOSE_ROUND(2, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31)
    T2T_TRANSPOSE_ROUND(1, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31)
}

/// xt[j][r] = x[r][j] for the group's rows (lanes past `rows` are 0): 16 × 16 blocks in registers for a full
/// group, element by element for the rest.
static void T2T_NAME(transposeRows)(const float *x, long rows, long cols, float *xt) {
    long j0 = 0;
    if (rows == 16) {
        for (; j0 + 16 <= cols; j0 += 16) {
            f16v v[16];
            for (int r = 0; r < 16; r++) v[r] = T2T_NAME(load16)(x + r * cols + j0);
            T2T_NAME(transpose16)(v);
            for (int j = 0; j < 16; j++) T2T_NAME(store16)(xt + (j0 + j) * 16, v[j]);
        }
    }
    for (long j = j0; j < cols; j++)
        for (long r = 0; r < 16; r++) xt[j * 16 + r] = r < rows ? x[r * cols + j] : 0;
}

/// `sumKernel` lane by lane: four running sums over j mod 4, the tail into the first, then (s0 + s1) + (s2 + s3).
static f16v T2T_NAME(sumKernelLanes)(const float *xt, long cols) {
    f16v s0 = T2T_NAME(splat16)(0), s1 = s0, s2 = s0, s3 = s0;
    long j = 0;
    for (; j + 4 <= cols; j += 4) {
        s0 = s0 + T2T_NAME(load16)(xt + j * 16);
        s1 = s1 + T2T_NAME(load16)(xt + (j + 1) * 16);
        s2 = s2 + T2T_NAME(load16)(xt + (j + 2) * 16);
        s3 = s3 + T2T_NAME(load16)(xt + (j + 3) * 16);
    }
    for (; j < cols; j++) s0 = s0 + T2T_NAME(load16)(xt + j * 16);
    return (s0 + s1) + (s2 + s3);
}

void T2T_NAME(t2t_layer_norm_forward)(const float *x, const float *gain, const float *bias, float *y, float *mean,
                                      float *rstd, long rows, long cols, float epsilon, float *scratch) {
    float n = (float)cols;
    for (long r0 = 0; r0 < rows; r0 += 16) {
        long count = rows - r0 < 16 ? rows - r0 : 16;
        const float *xg = x + r0 * cols;
        T2T_NAME(transposeRows)(xg, count, cols, scratch);
        f16v mu = T2T_NAME(sumKernelLanes)(scratch, cols) / n;
        f16v v = T2T_NAME(splat16)(0);
        for (long j = 0; j < cols; j++) {
            f16v d = T2T_NAME(load16)(scratch + j * 16) - mu;
            v = v + d * d;
        }
        f16v var = v / n + epsilon;
        for (long r = 0; r < count; r++) {
            float s = 1 / __builtin_sqrtf(var[r]), m = mu[r];
            const float *xr = xg + r * cols;
            float *yr = y + (r0 + r) * cols;
            for (long j = 0; j < cols; j++) yr[j] = (xr[j] - m) * s * gain[j] + bias[j];
            mean[r0 + r] = m, rstd[r0 + r] = s;
        }
    }
}

void T2T_NAME(t2t_layer_norm_backward)(const float *x, const float *gain, const float *mean, const float *rstd,
                                       const float *dy, float *dx, long rows, long cols, float *scratch) {
    float n = (float)cols;
    float *dyt = scratch + 16 * cols;
    for (long r0 = 0; r0 < rows; r0 += 16) {
        long count = rows - r0 < 16 ? rows - r0 : 16;
        const float *xg = x + r0 * cols, *dyg = dy + r0 * cols;
        T2T_NAME(transposeRows)(xg, count, cols, scratch);
        T2T_NAME(transposeRows)(dyg, count, cols, dyt);
        float mu_[16] = {0}, s_[16] = {0};
        for (long r = 0; r < count; r++) mu_[r] = mean[r0 + r], s_[r] = rstd[r0 + r];
        f16v mu = T2T_NAME(load16)(mu_), s = T2T_NAME(load16)(s_);
        f16v sumG = T2T_NAME(splat16)(0), sumGX = sumG;
        for (long j = 0; j < cols; j++) {
            f16v xhat = (T2T_NAME(load16)(scratch + j * 16) - mu) * s;
            f16v g = T2T_NAME(load16)(dyt + j * 16) * gain[j];
            sumG = sumG + g;
            sumGX = sumGX + g * xhat;
        }
        f16v meanG = sumG / n, meanGX = sumGX / n;
        for (long r = 0; r < count; r++) {
            float m = mu[r], sr = s[r], mg = meanG[r], mgx = meanGX[r];
            const float *xr = xg + r * cols, *dyr = dyg + r * cols;
            float *dxr = dx + (r0 + r) * cols;
            for (long j = 0; j < cols; j++) {
                float xhat = (xr[j] - m) * sr;
                dxr[j] = sr * (dyr[j] * gain[j] - mg - xhat * mgx);
            }
        }
    }
}

void T2T_NAME(t2t_layer_norm_parameter_gradients)(const float *x, const float *mean, const float *rstd,
                                                  const float *dy, float *dgain, float *dbias, long rows, long cols) {
    for (long r = 0; r < rows; r++) {
        const float *xr = x + r * cols, *dyr = dy + r * cols;
        float m = mean[r], s = rstd[r];
        for (long j = 0; j < cols; j++) {
            dgain[j] += dyr[j] * ((xr[j] - m) * s);
            dbias[j] += dyr[j];
        }
    }
}

// AdamW's update, bit for bit Learning's Swift loop (AdamW.swift): the constants arrive as the Floats the Swift
// loop computes, and each line keeps its operation order.
void T2T_NAME(t2t_adamw)(float *p, const float *g, float *m, float *v, long count, float decay, float b1, float b2,
                         float eps, float step_size, float root_c2) {
    T2T_ELEMENTWISE(count, {
        f16v gi = T2T_NAME(loadPart)(g + i, n);
        f16v mi = b1 * T2T_NAME(loadPart)(m + i, n) + (1 - b1) * gi;
        f16v vi = b2 * T2T_NAME(loadPart)(v + i, n) + (1 - b2) * gi * gi;
        f16v pi = T2T_NAME(loadPart)(p + i, n) * decay - step_size * mi / (__builtin_elementwise_sqrt(vi) / root_c2 + eps);
        T2T_NAME(storePart)(m + i, mi, n);
        T2T_NAME(storePart)(v + i, vi, n);
        T2T_NAME(storePart)(p + i, pi, n);
    })
}
