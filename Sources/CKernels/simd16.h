// 16-lane Float vectors (clang's vector extension) and the few operations the kernel bodies need. Included by
// every copy of a body (see variants.h), so the helpers are named per copy with T2T_NAME.
#include <string.h>

#ifndef T2T_SIMD16_TYPES
#define T2T_SIMD16_TYPES
typedef float f16v __attribute__((vector_size(64)));
typedef int i16v __attribute__((vector_size(64)));
#endif

static inline f16v T2T_NAME(load16)(const float *p) { f16v v; memcpy(&v, p, sizeof v); return v; }
static inline void T2T_NAME(store16)(float *p, f16v v) { memcpy(p, &v, sizeof v); }
static inline f16v T2T_NAME(splat16)(float x) {  // (not `(f16v){0} + x`: adding 0 is an instruction, −0 + 0 = +0)
    return (f16v){x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x};
}
static inline f16v T2T_NAME(select16)(i16v mask, f16v a, f16v b) {  // mask ? a : b, lane by lane
    return (f16v)(((i16v)a & mask) | ((i16v)b & ~mask));
}
/// Lanes n..<16 of v replaced by `fill` (the tail of a row whose length is not a multiple of 16).
static inline f16v T2T_NAME(keep16)(f16v v, int n, float fill) {
    const i16v lane = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    return T2T_NAME(select16)(lane < n, v, T2T_NAME(splat16)(fill));
}
static inline f16v T2T_NAME(max16)(f16v a, f16v b) { return T2T_NAME(select16)(a > b, a, b); }

/// Σ lanes in one fixed order: halves added pairwise (8 + 8, 4 + 4, 2 + 2, 1 + 1).
static inline float T2T_NAME(sum16)(f16v v) {
    typedef float f8v __attribute__((vector_size(32)));
    typedef float f4v __attribute__((vector_size(16)));
    f8v a = __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7) + __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
    f4v b = __builtin_shufflevector(a, a, 0, 1, 2, 3) + __builtin_shufflevector(a, a, 4, 5, 6, 7);
    float c0 = b[0] + b[2], c1 = b[1] + b[3];
    return c0 + c1;
}
static inline float T2T_NAME(max16h)(f16v v) {
    float m = v[0];
    for (int i = 1; i < 16; i++) m = v[i] > m ? v[i] : m;
    return m;
}

/// eˣ on 16 lanes: the same steps as SequenceModels' `polynomialExp` (range reduction x = n·ln2 + r, a degree-6
/// Taylor polynomial for eʳ, 2ⁿ built from its bits; inputs clamped to [−87, 88]). Relative error ≈ 2 ulp.
static inline f16v T2T_NAME(exp16)(f16v a) {
    f16v x = T2T_NAME(select16)(a < -87.0f, T2T_NAME(splat16)(-87.0f), a);
    x = T2T_NAME(select16)(x > 88.0f, T2T_NAME(splat16)(88.0f), x);
    const float magic = 12582912.0f;  // 1.5·2²³
    f16v shifted = x * 1.44269504f + magic;
    f16v n = shifted - magic;
    f16v r = (x - n * 0.693145751953125f) - n * 1.428606765330187e-6f;
    f16v p = T2T_NAME(splat16)(1.0f / 720);
    p = p * r + 1.0f / 120;
    p = p * r + 1.0f / 24;
    p = p * r + 1.0f / 6;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    int magicBits;
    memcpy(&magicBits, &magic, sizeof magicBits);
    i16v bits = (((i16v)shifted - magicBits) + 127) << 23;
    return p * (f16v)bits;
}
