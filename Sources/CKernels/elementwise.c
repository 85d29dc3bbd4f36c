#include "ckernels.h"
#define T2T_BODY "elementwise_body.h"
#include "variants.h"

void t2t_gelu_forward(const float *x, float *y, long count) { T2T_DISPATCH(t2t_gelu_forward, (x, y, count)) }

void t2t_gelu_backward(const float *x, const float *dy, float *dx, long count) {
    T2T_DISPATCH(t2t_gelu_backward, (x, dy, dx, count))
}
