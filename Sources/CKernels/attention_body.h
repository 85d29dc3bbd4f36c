// One copy of the fused causal attention kernels (see variants.h; the API is documented in ckernels.h).
//
// Per (b, h) pair the past keys and values are first transposed into head_size rows of T (padded to a multiple
// of 16), so that for a query row i the scores against 16 keys j at a time are head_size multiply–adds of a
// broadcast q_ic with a contiguous row of Kᵀ. A row of scores then lives in a T-float buffer in L1: no T×T
// matrix is ever written. The backward pass recomputes the row's weights from the saved maximum and 1/Σexp,
// with the same operations, so it sees exactly the forward pass's weights.
#include "simd16.h"
#include <stdlib.h>

/// The per-pair geometry and the scratch buffers of one pair (reused across the pairs of one call).
typedef struct {
    long t, tp, d, dh;  // T, T rounded up to 16, width, head size
    float *kt, *vt;     // past keys and values, transposed: [dh][tp]
    float *row, *drow;  // one row of weights and of their gradients: [tp]
    float *dkt, *dvt;   // backward only: gradients of kt, vt, [dh][tp]
} T2T_NAME(Pair);

static void T2T_NAME(transposeHead)(const float *x, float *xt, long t, long tp, long d, long dh) {
    for (long c = 0; c < dh; c++) {
        float *dst = xt + c * tp;
        for (long j = 0; j < t; j++) dst[j] = x[j * d + c];
        for (long j = t; j < tp; j++) dst[j] = 0;
    }
}

/// Scores of query row qi against the n past keys (n = i), scaled, into row[0..<n]; lanes past n hold −∞.
/// Returns the maximum over them (−∞ when n = 0).
static float T2T_NAME(pastScores)(const T2T_NAME(Pair) *p, const float *qi, long n, float scale) {
    f16v mx = T2T_NAME(splat16)(-__builtin_inff());
    for (long j0 = 0; j0 < n; j0 += 16) {
        f16v s = qi[0] * T2T_NAME(load16)(p->kt + j0);
        for (long c = 1; c < p->dh; c++) s = s + qi[c] * T2T_NAME(load16)(p->kt + c * p->tp + j0);
        s = s * scale;
        if (n - j0 < 16) s = T2T_NAME(keep16)(s, (int)(n - j0), -__builtin_inff());
        T2T_NAME(store16)(p->row + j0, s);
        mx = T2T_NAME(max16)(mx, s);
    }
    return T2T_NAME(max16h)(mx);
}

/// Σ_c a_c b_c in the order c = 0, 1, …: the same order as one lane of `pastScores`.
static float T2T_NAME(dotInOrder)(const float *a, const float *b, long count) {
    float s = a[0] * b[0];
    for (long c = 1; c < count; c++) s = s + a[c] * b[c];
    return s;
}

/// Scalar eˣ with exactly the steps of one lane of exp16.
static float T2T_NAME(exp1)(float x) {
    return T2T_NAME(exp16)(T2T_NAME(splat16)(x))[0];
}

/// row[j] ← exp(row[j] − m) for j < n, 0 for the padding lanes; returns Σ_j row[j].
static float T2T_NAME(expRow)(const T2T_NAME(Pair) *p, long n, float m) {
    f16v sum = T2T_NAME(splat16)(0);
    for (long j0 = 0; j0 < n; j0 += 16) {
        f16v e = T2T_NAME(exp16)(T2T_NAME(load16)(p->row + j0) - m);
        if (n - j0 < 16) e = T2T_NAME(keep16)(e, (int)(n - j0), 0);
        T2T_NAME(store16)(p->row + j0, e);
        sum = sum + e;
    }
    return T2T_NAME(sum16)(sum);
}

static void T2T_NAME(scaleRow)(float *row, long n, float inv) {
    for (long j0 = 0; j0 < n; j0 += 16) T2T_NAME(store16)(row + j0, T2T_NAME(load16)(row + j0) * inv);
}

/// Σ_{j<n} w_j xt[j] for a row w and one transposed channel xt.
static float T2T_NAME(rowDot)(const float *w, const float *xt, long n) {
    f16v acc = T2T_NAME(splat16)(0);
    for (long j0 = 0; j0 < n; j0 += 16) acc = acc + T2T_NAME(load16)(w + j0) * T2T_NAME(load16)(xt + j0);
    return T2T_NAME(sum16)(acc);
}

/// The weights of row i (past ones in p->row, the diagonal one returned), from the saved maximum and 1/Σexp.
static float T2T_NAME(weightsOfRow)(const T2T_NAME(Pair) *p, const float *qi, const float *ki, long i, float scale,
                                    float m, float inv) {
    T2T_NAME(pastScores)(p, qi, i, scale);
    T2T_NAME(expRow)(p, i, m);
    T2T_NAME(scaleRow)(p->row, i, inv);
    return T2T_NAME(exp1)(scale * T2T_NAME(dotInOrder)(qi, ki, p->dh) - m) * inv;
}

static int T2T_NAME(allocate)(T2T_NAME(Pair) *p, long length, long width, long heads, int backward) {
    p->t = length, p->tp = (length + 15) / 16 * 16, p->d = width, p->dh = width / heads;
    long plane = p->dh * p->tp, count = 2 * plane + 2 * p->tp + (backward ? 2 * plane : 0);
    float *all = malloc(sizeof(float) * (size_t)count);
    if (!all) return 0;
    p->kt = all, p->vt = all + plane, p->row = all + 2 * plane, p->drow = p->row + p->tp;
    p->dkt = backward ? p->drow + p->tp : NULL, p->dvt = backward ? p->dkt + plane : NULL;
    return 1;
}

void T2T_NAME(t2t_attention_forward)(const float *q, const float *k, const float *v, const float *kp,
                                     const float *vp, float *out, float *stats, long batch, long length, long width,
                                     long heads, float scale, long pair_begin, long pair_end) {
    (void)batch;
    T2T_NAME(Pair) p;
    if (!T2T_NAME(allocate)(&p, length, width, heads, 0)) abort();
    for (long pair = pair_begin; pair < pair_end; pair++) {
        long base = (pair / heads) * length * width + (pair % heads) * p.dh;
        T2T_NAME(transposeHead)(kp + base, p.kt, p.t, p.tp, p.d, p.dh);
        T2T_NAME(transposeHead)(vp + base, p.vt, p.t, p.tp, p.d, p.dh);
        float *st = stats + pair * 2 * length;
        for (long i = 0; i < length; i++) {
            const float *qi = q + base + i * width, *ki = k + base + i * width, *vi = v + base + i * width;
            float past = T2T_NAME(pastScores)(&p, qi, i, scale);
            float sii = scale * T2T_NAME(dotInOrder)(qi, ki, p.dh);
            float m = sii > past ? sii : past;
            float eii = T2T_NAME(exp1)(sii - m);
            float inv = 1.0f / (T2T_NAME(expRow)(&p, i, m) + eii);
            T2T_NAME(scaleRow)(p.row, i, inv);
            float aii = eii * inv;
            float *oi = out + base + i * width;
            for (long c = 0; c < p.dh; c++) oi[c] = T2T_NAME(rowDot)(p.row, p.vt + c * p.tp, i) + aii * vi[c];
            st[2 * i] = m, st[2 * i + 1] = inv;
        }
    }
    free(p.kt);
}

void T2T_NAME(t2t_attention_backward)(const float *q, const float *k, const float *v, const float *kp,
                                      const float *vp, const float *stats, const float *dout, float *dq, float *dk,
                                      float *dv, float *dkp, float *dvp, long batch, long length, long width,
                                      long heads, float scale, long pair_begin, long pair_end) {
    (void)batch;
    T2T_NAME(Pair) p;
    if (!T2T_NAME(allocate)(&p, length, width, heads, 1)) abort();
    long plane = p.dh * p.tp;
    for (long pair = pair_begin; pair < pair_end; pair++) {
        long base = (pair / heads) * length * width + (pair % heads) * p.dh;
        T2T_NAME(transposeHead)(kp + base, p.kt, p.t, p.tp, p.d, p.dh);
        T2T_NAME(transposeHead)(vp + base, p.vt, p.t, p.tp, p.d, p.dh);
        memset(p.dkt, 0, sizeof(float) * (size_t)(2 * plane));
        const float *st = stats + pair * 2 * length;
        for (long i = 0; i < length; i++) {
            long r = base + i * width;
            const float *qi = q + r, *ki = k + r, *vi = v + r, *doi = dout + r;
            float aii = T2T_NAME(weightsOfRow)(&p, qi, ki, i, scale, st[2 * i], st[2 * i + 1]);
            // dA_ij = dO_i · vp_j (past), dA_ii = dO_i · v_i; D = Σ_j a_ij dA_ij
            f16v dotv = T2T_NAME(splat16)(0);
            for (long j0 = 0; j0 < i; j0 += 16) {
                f16v da = doi[0] * T2T_NAME(load16)(p.vt + j0);
                for (long c = 1; c < p.dh; c++) da = da + doi[c] * T2T_NAME(load16)(p.vt + c * p.tp + j0);
                T2T_NAME(store16)(p.drow + j0, da);
                dotv = dotv + T2T_NAME(load16)(p.row + j0) * da;
            }
            float daii = T2T_NAME(dotInOrder)(doi, vi, p.dh);
            float dsum = T2T_NAME(sum16)(dotv) + aii * daii;
            // dS_ij = scale · a_ij (dA_ij − D), in place of dA (padding lanes have a = 0, so dS = 0 there)
            for (long j0 = 0; j0 < i; j0 += 16) {
                f16v a = T2T_NAME(load16)(p.row + j0);
                T2T_NAME(store16)(p.drow + j0, (a * scale) * (T2T_NAME(load16)(p.drow + j0) - dsum));
            }
            float dsii = (aii * scale) * (daii - dsum);
            float *dqi = dq + r, *dki = dk + r, *dvi = dv + r;
            // One pass over the row per channel c: dQ_ic = Σ_j dS_ij K_p,jc, dK_p,jc += dS_ij q_ic,
            // dV_p,jc += a_ij dO_ic (the padding lanes of dS and a are 0, so they add nothing).
            for (long c = 0; c < p.dh; c++) {
                const float *ktc = p.kt + c * p.tp;
                float *dktc = p.dkt + c * p.tp, *dvtc = p.dvt + c * p.tp, qc = qi[c], dc = doi[c];
                f16v acc = T2T_NAME(splat16)(0);
                for (long j0 = 0; j0 < i; j0 += 16) {
                    f16v ds = T2T_NAME(load16)(p.drow + j0), a = T2T_NAME(load16)(p.row + j0);
                    acc = acc + ds * T2T_NAME(load16)(ktc + j0);
                    T2T_NAME(store16)(dktc + j0, T2T_NAME(load16)(dktc + j0) + ds * qc);
                    T2T_NAME(store16)(dvtc + j0, T2T_NAME(load16)(dvtc + j0) + a * dc);
                }
                dqi[c] = T2T_NAME(sum16)(acc) + dsii * ki[c];
                dki[c] += dsii * qc;
                dvi[c] += aii * dc;
            }
        }
        for (long j = 0; j < length; j++) {
            float *dkj = dkp + base + j * width, *dvj = dvp + base + j * width;
            for (long c = 0; c < p.dh; c++) {
                dkj[c] += p.dkt[c * p.tp + j];
                dvj[c] += p.dvt[c * p.tp + j];
            }
        }
    }
    free(p.kt);
}
