// One copy of the elementwise Float kernels (see variants.h; the API is documented in ckernels.h).
//
// GELU, tanh approximation, with exactly the operations (and their order) of Learning's Swift loops in
// Activations.swift and of `rationalTanh` in FastTanh.swift, so the results are the same bits; the loops are plain
// and elementwise, and each copy's compiler vectorises them at its own width (which cannot change an elementwise
// result, as no multiply–add is fused).
#include "simd16.h"

static inline float T2T_NAME(rationalTanh)(float a) {
    const float limit = 7.90531110763549805f;
    float x = a < -limit ? -limit : a;
    x = x > limit ? limit : x;
    float x2 = x * x;
    float p = -2.76076847742355e-16f;
    p = p * x2 + 2.00018790482477e-13f;
    p = p * x2 - 8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    p = p * x;
    float q = 1.19825839466702e-06f;
    q = q * x2 + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    float absA = a < 0 ? -a : a;
    return absA < 0.0004f ? a : p / q;
}

void T2T_NAME(t2t_gelu_forward)(const float *x, float *y, long count) {
    const float c = 0.7978845608028654f, k = 0.044715f;  // √(2/π)
    for (long i = 0; i < count; i++) {
        float v = x[i];
        y[i] = 0.5f * v * (1 + T2T_NAME(rationalTanh)(c * (v + k * v * v * v)));
    }
}

void T2T_NAME(t2t_gelu_backward)(const float *x, const float *dy, float *dx, long count) {
    const float c = 0.7978845608028654f, k = 0.044715f;
    for (long i = 0; i < count; i++) {
        float v = x[i];
        float t = T2T_NAME(rationalTanh)(c * (v + k * v * v * v));
        float du = c * (1 + 3 * k * v * v);
        dx[i] = dy[i] * (0.5f * (1 + t) + 0.5f * v * (1 - t * t) * du);
    }
}

// Layer norm, bit for bit Learning's Swift loops (LayerNormalization.swift). Their sums over a row run in a fixed
// order (the mean through `sumKernel`'s four running sums, the others one after another), which a vector over
// the row cannot reproduce; a vector over *rows* can: lane r of a 16-lane sum adds row r's terms in the row's own
// order. So each group of 16 rows is first transposed into a columns × 16 scratch tile, its sums are taken lane by
// lane, and the elementwise outputs, which need no order, are written row by row at full width.

/// xt[j][r] = x[r][j] for the group's rows (lanes past `rows` are 0).
static void T2T_NAME(transposeRows)(const float *x, long rows, long cols, float *xt) {
    for (long j = 0; j < cols; j++)
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
