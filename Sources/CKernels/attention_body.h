// One copy of the fused causal attention kernels (see variants.h; the API is documented in ckernels.h).
//
// Per (b, h) pair, the keys and values of the head are first transposed into d_h rows of T (Kᵀ, Vᵀ), so that 16
// consecutive key positions are one vector. Query rows are then taken eight at a time ("a block"): the block's
// scores against 16 keys are d_h vector multiply–adds per row, each loaded Kᵀ vector serving all eight rows; the
// block's rows of weights live in an 8 × T buffer in L1; the products with V (and, backward, the four gradient
// products) reuse each loaded vector eight times again. Only (m_i, 1/ℓ_i) per row are kept for the pullback,
// which recomputes the weights with the same operations and so sees exactly the forward weights.
//
// Unlike the softmax kernels, these use fused multiply–add (written out as fma16, never contracted by the
// compiler) where the CPU has it (AVX2, AVX-512). The SSE2 baseline has none, and emulating it in software made
// attention about ten times slower there (chapter 5's --quick run: 53 s instead of 4), so that copy rounds the
// product and the sum separately: the same function, other last bits (decision 35).
#include "simd16.h"
#include <stdlib.h>

#define T2T_BLOCK 8

#if T2T_LEVEL >= 3
static inline f16v T2T_NAME(fma16)(f16v a, f16v b, f16v c) { return __builtin_elementwise_fma(a, b, c); }
#else
static inline f16v T2T_NAME(fma16)(f16v a, f16v b, f16v c) { return a * b + c; }
#endif

typedef struct {
    long t, d, dh, dhp, ld;  // T, width, head size, head size rounded up to 4, stride of the transposed planes
    float *kt, *vt;          // Kᵀ and Vᵀ of the pair (padding channels and positions are 0)
    float *w, *dw;           // the block's weights and their gradients: [T2T_BLOCK][ld]
    float *dkt, *dvt;        // backward: gradients of Kᵀ and Vᵀ
} T2T_NAME(Head);

static int T2T_NAME(allocate)(T2T_NAME(Head) *h, long length, long width, long heads, int backward) {
    h->t = length, h->d = width, h->dh = width / heads, h->dhp = (h->dh + 3) / 4 * 4;
    // 16 spare floats after every channel and buffer: the natural strides are often multiples of 4 KiB (T = 500
    // rounds to 512 floats), and a load whose address matches an earlier store's in the low 12 bits must wait.
    h->ld = (length + 15) / 16 * 16 + 16;
    long plane = h->dhp * h->ld + 16, block = T2T_BLOCK * h->ld + 16;
    float *all = malloc(sizeof(float) * (size_t)(2 * plane + 2 * block + (backward ? 2 * plane : 0)));
    if (!all) return 0;
    h->kt = all, h->vt = all + plane, h->w = all + 2 * plane, h->dw = h->w + block;
    h->dkt = backward ? h->dw + block : NULL, h->dvt = backward ? h->dkt + plane : NULL;
    return 1;
}

static void T2T_NAME(transpose)(const T2T_NAME(Head) *h, const float *x, float *xt) {
    memset(xt, 0, sizeof(float) * (size_t)(h->dhp * h->ld));
    for (long j = 0; j < h->t; j++)  // row by row: each source row is read once, contiguously
        for (long c = 0; c < h->dh; c++) xt[c * h->ld + j] = x[j * h->d + c];
}

/// The block's rows of a [T, d] head as a [T2T_BLOCK][dhp] array (rows past the block and padding channels 0).
static void T2T_NAME(gatherBlock)(const T2T_NAME(Head) *h, const float *x, long i0, long rows, float *out) {
    for (long r = 0; r < T2T_BLOCK; r++)
        for (long c = 0; c < h->dhp; c++) out[r * h->dhp + c] = r < rows && c < h->dh ? x[(i0 + r) * h->d + c] : 0;
}

#if T2T_LEVEL == 3
// AVX2 copies of the four products. AVX2 has sixteen 8-lane registers; the AVX-512 versions below keep 16 to 20
// 16-lane values live (32 to 40 AVX2 registers), and the compiler spilled them inside the inner loops. These take
// each 16-lane vector as two 8-lane halves, one half at a time, or fewer rows at a time. Every lane still sums the
// same terms in the same order, so the bits are those of the AVX-512 copy.
#ifndef T2T_F8V_TYPE
#define T2T_F8V_TYPE
typedef float f8v __attribute__((vector_size(32)));
#endif
static inline f8v T2T_NAME(loadA8)(const float *p) { f8v v; memcpy(&v, p, sizeof v); return v; }
static inline void T2T_NAME(storeA8)(float *p, f8v v) { memcpy(p, &v, sizeof v); }
static inline f8v T2T_NAME(splatA8)(float x) { return (f8v){x, x, x, x, x, x, x, x}; }
static inline f16v T2T_NAME(join8)(f8v lo, f8v hi) {
    return __builtin_shufflevector(lo, hi, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}

/// out[r][j] = scale · Σ_c x[r][c] yt[c][j] (see the AVX-512 copy below), eight key positions at a time.
static void T2T_NAME(blockTimesTransposed)(const T2T_NAME(Head) *h, const float *x, const float *yt, long columns,
                                          float scale, float *out) {
    long limit = (columns + 15) / 16 * 16;
    for (long j0 = 0; j0 < limit; j0 += 8) {
        f8v acc[T2T_BLOCK];
        for (int r = 0; r < T2T_BLOCK; r++) acc[r] = T2T_NAME(splatA8)(0);
        for (long c = 0; c < h->dh; c++) {
            f8v y = T2T_NAME(loadA8)(yt + c * h->ld + j0);
            for (int r = 0; r < T2T_BLOCK; r++)
                acc[r] = __builtin_elementwise_fma(T2T_NAME(splatA8)(x[r * h->dhp + c]), y, acc[r]);
        }
        for (int r = 0; r < T2T_BLOCK; r++) T2T_NAME(storeA8)(out + r * h->ld + j0, acc[r] * scale);
    }
}

/// out[r][c] = Σ_{j < columns} w[r][j] yt[c][j]: one channel and four rows at a time, each row's 16 lanes as
/// two halves, then the lanes summed as in the AVX-512 copy.
static void T2T_NAME(blockTimesPlanes)(const T2T_NAME(Head) *h, const float *w, const float *yt, long columns,
                                       float *out) {
    for (long c = 0; c < h->dhp; c++) {
        for (int r0 = 0; r0 < T2T_BLOCK; r0 += 4) {
            f8v lo[4], hi[4];
            for (int r = 0; r < 4; r++) lo[r] = hi[r] = T2T_NAME(splatA8)(0);
            for (long j0 = 0; j0 < columns; j0 += 16) {
                f8v y0 = T2T_NAME(loadA8)(yt + c * h->ld + j0), y1 = T2T_NAME(loadA8)(yt + c * h->ld + j0 + 8);
                for (int r = 0; r < 4; r++) {
                    const float *wr = w + (r0 + r) * h->ld + j0;
                    lo[r] = __builtin_elementwise_fma(T2T_NAME(loadA8)(wr), y0, lo[r]);
                    hi[r] = __builtin_elementwise_fma(T2T_NAME(loadA8)(wr + 8), y1, hi[r]);
                }
            }
            for (int r = 0; r < 4; r++) out[(r0 + r) * h->dhp + c] = T2T_NAME(sum16)(T2T_NAME(join8)(lo[r], hi[r]));
        }
    }
}

/// out[r][c] = Σ_{j < columns} w[r][j] y[j][c] reading y by rows, eight channels at a time.
static void T2T_NAME(blockTimesRows)(const T2T_NAME(Head) *h, const float *w, const float *y, long columns,
                                     float *out) {
    for (long c0 = 0; c0 < h->dh; c0 += 8) {
        f8v acc[T2T_BLOCK];
        for (int r = 0; r < T2T_BLOCK; r++) acc[r] = T2T_NAME(splatA8)(0);
        for (long j = 0; j < columns; j++) {
            f8v yj = T2T_NAME(loadA8)(y + j * h->d + c0);
            for (int r = 0; r < T2T_BLOCK; r++)
                acc[r] = __builtin_elementwise_fma(T2T_NAME(splatA8)(w[r * h->ld + j]), yj, acc[r]);
        }
        for (int r = 0; r < T2T_BLOCK; r++) T2T_NAME(storeA8)(out + r * h->dhp + c0, acc[r]);
    }
}
#else
/// out[r][j] = scale · Σ_c x[r][c] yt[c][j] for the block's rows and the key positions j < columns (rounded up
/// to 16): the scores (x = Q, yt = Kᵀ) and, backward, dA (x = dO, yt = Vᵀ, scale 1).
static void T2T_NAME(blockTimesTransposed)(const T2T_NAME(Head) *h, const float *x, const float *yt, long columns,
                                          float scale, float *out) {
    for (long j0 = 0; j0 < columns; j0 += 16) {
        f16v acc[T2T_BLOCK];
        for (int r = 0; r < T2T_BLOCK; r++) acc[r] = T2T_NAME(splat16)(0);
        for (long c = 0; c < h->dh; c++) {
            f16v y = T2T_NAME(load16)(yt + c * h->ld + j0);
            for (int r = 0; r < T2T_BLOCK; r++)
                acc[r] = T2T_NAME(fma16)(T2T_NAME(splat16)(x[r * h->dhp + c]), y, acc[r]);
        }
        for (int r = 0; r < T2T_BLOCK; r++) T2T_NAME(store16)(out + r * h->ld + j0, acc[r] * scale);
    }
}

/// out[r][c] = Σ_{j < columns} w[r][j] yt[c][j]: O = A V (w = A, yt = Vᵀ) and dQ = dS K (w = dS, yt = Kᵀ).
/// Entries of w beyond each row's last key must be 0. Two channels at a time: 16 running sums.
static void T2T_NAME(blockTimesPlanes)(const T2T_NAME(Head) *h, const float *w, const float *yt, long columns,
                                       float *out) {
    for (long c = 0; c < h->dhp; c += 2) {
        f16v acc0[T2T_BLOCK], acc1[T2T_BLOCK];
        for (int r = 0; r < T2T_BLOCK; r++) acc0[r] = acc1[r] = T2T_NAME(splat16)(0);
        for (long j0 = 0; j0 < columns; j0 += 16) {
            f16v y0 = T2T_NAME(load16)(yt + c * h->ld + j0), y1 = T2T_NAME(load16)(yt + (c + 1) * h->ld + j0);
            for (int r = 0; r < T2T_BLOCK; r++) {
                f16v a = T2T_NAME(load16)(w + r * h->ld + j0);
                acc0[r] = T2T_NAME(fma16)(a, y0, acc0[r]);
                acc1[r] = T2T_NAME(fma16)(a, y1, acc1[r]);
            }
        }
        for (int r = 0; r < T2T_BLOCK; r++) {
            out[r * h->dhp + c] = T2T_NAME(sum16)(acc0[r]);
            out[r * h->dhp + c + 1] = T2T_NAME(sum16)(acc1[r]);
        }
    }
}

/// The same product as `blockTimesPlanes`, out[r][c] = Σ_{j < columns} w[r][j] y[j][c], reading y in its own
/// row-major layout (rows d apart) 16 channels at a time: for heads whose size is a multiple of 16 this needs no
/// sums across lanes at all, where `blockTimesPlanes` ends every (row, channel) with one.
static void T2T_NAME(blockTimesRows)(const T2T_NAME(Head) *h, const float *w, const float *y, long columns,
                                     float *out) {
    for (long c0 = 0; c0 < h->dh; c0 += 32) {
        int two = c0 + 16 < h->dh;
        f16v acc0[T2T_BLOCK], acc1[T2T_BLOCK];
        for (int r = 0; r < T2T_BLOCK; r++) acc0[r] = acc1[r] = T2T_NAME(splat16)(0);
        for (long j = 0; j < columns; j++) {
            f16v y0 = T2T_NAME(load16)(y + j * h->d + c0);
            f16v y1 = two ? T2T_NAME(load16)(y + j * h->d + c0 + 16) : y0;
            for (int r = 0; r < T2T_BLOCK; r++) {
                f16v a = T2T_NAME(splat16)(w[r * h->ld + j]);
                acc0[r] = T2T_NAME(fma16)(a, y0, acc0[r]);
                acc1[r] = T2T_NAME(fma16)(a, y1, acc1[r]);
            }
        }
        for (int r = 0; r < T2T_BLOCK; r++) {
            T2T_NAME(store16)(out + r * h->dhp + c0, acc0[r]);
            if (two) T2T_NAME(store16)(out + r * h->dhp + c0 + 16, acc1[r]);
        }
    }
}

#endif

/// w · y for the block: by rows when the head size is a multiple of 16, else through the transposed planes yt.
static void T2T_NAME(blockTimes)(const T2T_NAME(Head) *h, const float *w, const float *y, const float *yt,
                                 long columns, float *out) {
    if (h->dh % 16 == 0) T2T_NAME(blockTimesRows)(h, w, y, columns, out);
    else T2T_NAME(blockTimesPlanes)(h, w, yt, columns, out);
}

#if T2T_LEVEL == 3
/// yt[c][j] += Σ_r x[r][c] w[r][j] (see the AVX-512 copy below), eight key positions at a time.
static void T2T_NAME(accumulatePlanes)(const T2T_NAME(Head) *h, const float *x, const float *w, long columns,
                                       float *yt) {
    long limit = (columns + 15) / 16 * 16;
    for (long j0 = 0; j0 < limit; j0 += 8) {
        f8v rows[T2T_BLOCK];
        for (int r = 0; r < T2T_BLOCK; r++) rows[r] = T2T_NAME(loadA8)(w + r * h->ld + j0);
        for (long c = 0; c < h->dh; c++) {
            f8v acc0 = T2T_NAME(splatA8)(0), acc1 = acc0;
            for (int r = 0; r < T2T_BLOCK / 2; r++) {
                acc0 = __builtin_elementwise_fma(T2T_NAME(splatA8)(x[r * h->dhp + c]), rows[r], acc0);
                acc1 = __builtin_elementwise_fma(T2T_NAME(splatA8)(x[(r + T2T_BLOCK / 2) * h->dhp + c]),
                                                 rows[r + T2T_BLOCK / 2], acc1);
            }
            T2T_NAME(storeA8)(yt + c * h->ld + j0, T2T_NAME(loadA8)(yt + c * h->ld + j0) + (acc0 + acc1));
        }
    }
}
#else
/// yt[c][j] += Σ_r x[r][c] w[r][j] for j < columns: dKᵀ += Qᵀ dS and dVᵀ += dOᵀ A, block by block.
static void T2T_NAME(accumulatePlanes)(const T2T_NAME(Head) *h, const float *x, const float *w, long columns,
                                       float *yt) {
    for (long j0 = 0; j0 < columns; j0 += 16) {
        f16v rows[T2T_BLOCK];
        for (int r = 0; r < T2T_BLOCK; r++) rows[r] = T2T_NAME(load16)(w + r * h->ld + j0);
        for (long c = 0; c < h->dh; c++) {  // two partial sums (rows 0–3, 4–7): half as long a chain each
            f16v acc0 = T2T_NAME(splat16)(0), acc1 = acc0;
            for (int r = 0; r < T2T_BLOCK / 2; r++) {
                acc0 = T2T_NAME(fma16)(T2T_NAME(splat16)(x[r * h->dhp + c]), rows[r], acc0);
                acc1 = T2T_NAME(fma16)(T2T_NAME(splat16)(x[(r + T2T_BLOCK / 2) * h->dhp + c]), rows[r + T2T_BLOCK / 2], acc1);
            }
            T2T_NAME(store16)(yt + c * h->ld + j0, T2T_NAME(load16)(yt + c * h->ld + j0) + (acc0 + acc1));
        }
    }
}
#endif

static float T2T_NAME(dotOfDifference)(const float *a, const float *b, const float *c, long n) {
    float s = 0;
    for (long k = 0; k < n; k++) s += a[k] * (b[k] - c[k]);
    return s;
}

/// The block's scores (row r = position i0 + r sees keys 0…i0+r), with myopic attention's diagonal correction
/// scale · q_i·(k_i − k_p,i), which is exactly 0 when k = k_p.
static void T2T_NAME(blockScores)(const T2T_NAME(Head) *h, const float *qb, const float *q, const float *k,
                                  const float *kp, long i0, long rows, float scale, int myopic) {
    T2T_NAME(blockTimesTransposed)(h, qb, h->kt, i0 + rows, scale, h->w);
    if (!myopic) return;
    for (long r = 0; r < rows; r++) {
        long o = (i0 + r) * h->d;
        h->w[r * h->ld + i0 + r] += scale * T2T_NAME(dotOfDifference)(q + o, k + o, kp + o, h->dh);
    }
}

/// Row r of the block's scores → its weights: exp(s − m)·inv for the row's keys j < n, and 0 for the rest of
/// the block's chunks (j < limit, a multiple of 16). With `compute`, m and inv are found and written to stats;
/// otherwise (the pullback) the saved ones are read from it.
static void T2T_NAME(weightsOfRow)(float *row, long n, long limit, float *stats, int compute) {
    long chunks = (n + 15) / 16 * 16;
    float m, inv;
    if (compute) {
        f16v mx = T2T_NAME(splat16)(-__builtin_inff());
        for (long j0 = 0; j0 < n; j0 += 16) {
            f16v s = T2T_NAME(load16)(row + j0);
            if (n - j0 < 16) s = T2T_NAME(keep16)(s, (int)(n - j0), -__builtin_inff());
            mx = T2T_NAME(max16)(mx, s);
        }
        m = T2T_NAME(max16h)(mx);
    } else {
        m = stats[0], inv = stats[1];
    }
    f16v sum = T2T_NAME(splat16)(0);
    for (long j0 = 0; j0 < chunks; j0 += 16) {
        f16v e = T2T_NAME(exp16)(T2T_NAME(load16)(row + j0) - m);
        if (n - j0 < 16) e = T2T_NAME(keep16)(e, (int)(n - j0), 0);
        T2T_NAME(store16)(row + j0, e);
        sum = sum + e;
    }
    if (compute) {
        inv = 1 / T2T_NAME(sum16)(sum);
        stats[0] = m, stats[1] = inv;
    }
    for (long j0 = 0; j0 < chunks; j0 += 16) T2T_NAME(store16)(row + j0, T2T_NAME(load16)(row + j0) * inv);
    if (limit > chunks) memset(row + chunks, 0, sizeof(float) * (size_t)(limit - chunks));
}

void T2T_NAME(t2t_attention_forward)(const float *q, const float *k, const float *v, const float *kp,
                                     const float *vp, float *out, float *stats, long batch, long length, long width,
                                     long heads, float scale, int myopic, long pair_begin, long pair_end) {
    (void)batch;
    T2T_NAME(Head) h;
    if (!T2T_NAME(allocate)(&h, length, width, heads, 0)) abort();
    float *qb = malloc(sizeof(float) * (size_t)(2 * T2T_BLOCK * h.dhp)), *ob = qb + T2T_BLOCK * h.dhp;
    if (!qb) abort();
    for (long pair = pair_begin; pair < pair_end; pair++) {
        long base = (pair / heads) * length * width + (pair % heads) * h.dh;
        const float *qh = q + base, *kh = k + base, *vh = v + base, *kph = kp + base, *vph = vp + base;
        T2T_NAME(transpose)(&h, kph, h.kt);
        if (h.dh % 16 != 0) T2T_NAME(transpose)(&h, vph, h.vt);  // else `blockTimes` reads V as it is
        for (long i0 = 0; i0 < length; i0 += T2T_BLOCK) {
            long rows = length - i0 < T2T_BLOCK ? length - i0 : T2T_BLOCK;
            T2T_NAME(gatherBlock)(&h, qh, i0, rows, qb);
            T2T_NAME(blockScores)(&h, qb, qh, kh, kph, i0, rows, scale, myopic);
            long limit = (i0 + rows + 15) / 16 * 16;
            for (long r = 0; r < T2T_BLOCK; r++) {
                float *row = h.w + r * h.ld;
                if (r < rows) {
                    T2T_NAME(weightsOfRow)(row, i0 + r + 1, limit, stats + 2 * (pair * length + i0 + r), 1);
                } else {
                    memset(row, 0, sizeof(float) * (size_t)limit);
                }
            }
            T2T_NAME(blockTimes)(&h, h.w, vph, h.vt, i0 + rows, ob);
            for (long r = 0; r < rows; r++) {
                long o = (i0 + r) * width;
                float *oi = out + base + o;
                for (long c = 0; c < h.dh; c++) oi[c] = ob[r * h.dhp + c];
                if (myopic) {  // the diagonal weight belongs to the live v_i: add a_ii (v_i − v_p,i)
                    float aii = h.w[r * h.ld + i0 + r];
                    for (long c = 0; c < h.dh; c++) oi[c] += aii * (vh[o + c] - vph[o + c]);
                }
            }
        }
    }
    free(qb);
    free(h.kt);
}

void T2T_NAME(t2t_attention_backward)(const float *q, const float *k, const float *v, const float *kp,
                                      const float *vp, const float *stats, const float *dout, float *dq, float *dk,
                                      float *dv, float *dkp, float *dvp, long batch, long length, long width,
                                      long heads, float scale, int myopic, long pair_begin, long pair_end) {
    (void)batch;
    T2T_NAME(Head) h;
    if (!T2T_NAME(allocate)(&h, length, width, heads, 1)) abort();
    float *qb = malloc(sizeof(float) * (size_t)(3 * T2T_BLOCK * h.dhp + 2 * length));
    if (!qb) abort();
    float *dob = qb + T2T_BLOCK * h.dhp, *dqb = dob + T2T_BLOCK * h.dhp;
    float *diagS = dqb + T2T_BLOCK * h.dhp, *diagA = diagS + length;  // dS_ii and a_ii, for myopic's diagonal
    for (long pair = pair_begin; pair < pair_end; pair++) {
        long base = (pair / heads) * length * width + (pair % heads) * h.dh;
        const float *qh = q + base, *kh = k + base, *vh = v + base, *kph = kp + base, *vph = vp + base;
        const float *doh = dout + base;
        T2T_NAME(transpose)(&h, kph, h.kt);
        T2T_NAME(transpose)(&h, vph, h.vt);
        memset(h.dkt, 0, sizeof(float) * (size_t)(h.dvt + h.dhp * h.ld - h.dkt));
        for (long i0 = 0; i0 < length; i0 += T2T_BLOCK) {
            long rows = length - i0 < T2T_BLOCK ? length - i0 : T2T_BLOCK, columns = i0 + rows;
            long chunks = (columns + 15) / 16 * 16;
            T2T_NAME(gatherBlock)(&h, qh, i0, rows, qb);
            T2T_NAME(gatherBlock)(&h, doh, i0, rows, dob);
            // A, recomputed exactly as forward
            T2T_NAME(blockScores)(&h, qb, qh, kh, kph, i0, rows, scale, myopic);
            for (long r = 0; r < T2T_BLOCK; r++) {
                float *row = h.w + r * h.ld;
                if (r < rows) {
                    float st[2] = {stats[2 * (pair * length + i0 + r)], stats[2 * (pair * length + i0 + r) + 1]};
                    T2T_NAME(weightsOfRow)(row, i0 + r + 1, chunks, st, 0);
                } else {
                    memset(row, 0, sizeof(float) * (size_t)chunks);
                }
            }
            // dA = dO Vᵀ (+ the diagonal's live part), then dS = scale · A ⊙ (dA − rowsum(A ⊙ dA))
            T2T_NAME(blockTimesTransposed)(&h, dob, h.vt, columns, 1, h.dw);
            for (long r = 0; r < rows; r++) {
                long i = i0 + r, o = i * width;
                float *a = h.w + r * h.ld, *ds = h.dw + r * h.ld;
                if (myopic) ds[i] += T2T_NAME(dotOfDifference)(doh + o, vh + o, vph + o, h.dh);
                f16v dot = T2T_NAME(splat16)(0);
                for (long j0 = 0; j0 < chunks; j0 += 16)
                    dot = T2T_NAME(fma16)(T2T_NAME(load16)(a + j0), T2T_NAME(load16)(ds + j0), dot);
                float total = T2T_NAME(sum16)(dot);
                for (long j0 = 0; j0 < chunks; j0 += 16) {
                    f16v x = T2T_NAME(load16)(a + j0) * scale;
                    T2T_NAME(store16)(ds + j0, x * (T2T_NAME(load16)(ds + j0) - total));
                }
                diagS[i] = ds[i], diagA[i] = a[i];
            }
            for (long r = rows; r < T2T_BLOCK; r++) memset(h.dw + r * h.ld, 0, sizeof(float) * (size_t)chunks);
            // dQ = dS K_p (+ the diagonal's live part); dKᵀ_p += Qᵀ dS; dVᵀ_p += dOᵀ A
            T2T_NAME(blockTimes)(&h, h.dw, kph, h.kt, columns, dqb);
            for (long r = 0; r < rows; r++) {
                long o = (i0 + r) * width;
                float *dqi = dq + base + o;
                for (long c = 0; c < h.dh; c++) dqi[c] = dqb[r * h.dhp + c];
                if (myopic) {
                    float dsii = diagS[i0 + r];
                    for (long c = 0; c < h.dh; c++) dqi[c] += dsii * (kh[o + c] - kph[o + c]);
                }
            }
            T2T_NAME(accumulatePlanes)(&h, qb, h.dw, columns, h.dkt);
            T2T_NAME(accumulatePlanes)(&h, dob, h.w, columns, h.dvt);
        }
        for (long j = 0; j < length; j++) {
            float *dkj = dkp + base + j * width, *dvj = dvp + base + j * width;
            for (long c = 0; c < h.dh; c++) {
                dkj[c] += h.dkt[c * h.ld + j];
                dvj[c] += h.dvt[c * h.ld + j];
            }
        }
        if (!myopic) continue;
        // The diagonal terms belong to the live k_i, v_i; everything else stays with k_p, v_p.
        for (long i = 0; i < length; i++) {
            long o = base + i * width;
            for (long c = 0; c < h.dh; c++) {
                float gk = diagS[i] * q[o + c], gv = diagA[i] * dout[o + c];
                dk[o + c] += gk, dkp[o + c] -= gk;
                dv[o + c] += gv, dvp[o + c] -= gv;
            }
        }
    }
    free(qb);
    free(h.kt);
}
