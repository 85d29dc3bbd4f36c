#ifndef T2T_CKERNELS_H
#define T2T_CKERNELS_H
// Float kernels written in C so that they can be compiled several times for different x86 vector extensions
// (SSE2, AVX2, AVX-512) and picked at run time: Swift compiles the whole package for one baseline CPU, and on
// x86-64 that baseline is SSE2, four lanes wide. See variants.h for how, and docs/decisions.md (32) for why.
//
// Every variant computes bit for bit the same numbers: the vectors are 16 lanes wide in all of them (an SSE2
// machine runs four 4-lane instructions where AVX-512 runs one), sums over lanes are reduced in one fixed order,
// and no multiply–add is fused (FP_CONTRACT OFF), so results never depend on which CPU ran them.

/// The vector extension the kernels use: 4 (AVX-512), 3 (AVX2) or 1 (baseline). Decided once from the CPU, or
/// from the environment variable T2T_SIMD (1, 3 or 4; lower only), which the tests use to compare variants.
int t2t_simd_level(void);

/// Forces a level (clamped to what the CPU supports) and returns the level now in use; 0 restores detection.
int t2t_set_simd_level(int level);

// ---- Fused causal attention (attention.c) -------------------------------------------------------------------
// q, k, v and the "past" kp, vp are [B, T, width] row-major, width = heads · head_size; head h of sequence b is
// the column block h·head_size ..< (h+1)·head_size of rows b·T ..< (b+1)·T. The kernels handle the (b, h) pairs
// pair_begin ..< pair_end (pair = b·heads + h), so callers can split pairs over threads.
//
// For row i the scores are s_ij = scale · q_i·kp_j for j < i and s_ii = scale · q_i·k_i; the output is
// o_i = Σ_{j<i} a_ij vp_j + a_ii v_i with a = softmax(s). With kp = k and vp = v this is ordinary causal attention.
// `stats` keeps two floats per row and pair (the row maximum and 1/Σexp) so the backward pass can recompute a
// instead of storing the T×T weights.

void t2t_attention_forward(const float *q, const float *k, const float *v, const float *kp, const float *vp,
                           float *out, float *stats, long batch, long length, long width, long heads, float scale,
                           long pair_begin, long pair_end);

/// Gradients, *added* into dk, dv (the diagonal terms, which used k_i and v_i) and dkp, dvp (all other terms);
/// dq is overwritten. dk may be the same buffer as dkp, and dv as dvp (ordinary attention).
void t2t_attention_backward(const float *q, const float *k, const float *v, const float *kp, const float *vp,
                            const float *stats, const float *dout, float *dq, float *dk, float *dv, float *dkp,
                            float *dvp, long batch, long length, long width, long heads, float scale,
                            long pair_begin, long pair_end);

#endif
