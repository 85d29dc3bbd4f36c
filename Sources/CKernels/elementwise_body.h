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
