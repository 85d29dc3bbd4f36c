#include "ckernels.h"
#define T2T_BODY "attention_body.h"
#include "variants.h"

void t2t_attention_forward(const float *q, const float *k, const float *v, const float *kp, const float *vp,
                           float *out, float *stats, long batch, long length, long width, long heads, float scale,
                           int myopic, long pair_begin, long pair_end) {
    T2T_DISPATCH(t2t_attention_forward,
                 (q, k, v, kp, vp, out, stats, batch, length, width, heads, scale, myopic, pair_begin, pair_end))
}

void t2t_attention_backward(const float *q, const float *k, const float *v, const float *kp, const float *vp,
                            const float *stats, const float *dout, float *dq, float *dk, float *dv, float *dkp,
                            float *dvp, long batch, long length, long width, long heads, float scale, int myopic,
                            long pair_begin, long pair_end) {
    T2T_DISPATCH(t2t_attention_backward, (q, k, v, kp, vp, stats, dout, dq, dk, dv, dkp, dvp, batch, length, width,
                                          heads, scale, myopic, pair_begin, pair_end))
}
