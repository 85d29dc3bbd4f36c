#include "ckernels.h"
#define T2T_BODY "elementwise_body.h"
#include "variants.h"

void t2t_gelu_forward(const float *x, float *y, long count) { T2T_DISPATCH(t2t_gelu_forward, (x, y, count)) }

void t2t_gelu_backward(const float *x, const float *dy, float *dx, long count) {
    T2T_DISPATCH(t2t_gelu_backward, (x, dy, dx, count))
}

void t2t_layer_norm_forward(const float *x, const float *gain, const float *bias, float *y, float *mean, float *rstd,
                            long rows, long cols, float epsilon, float *scratch) {
    T2T_DISPATCH(t2t_layer_norm_forward, (x, gain, bias, y, mean, rstd, rows, cols, epsilon, scratch))
}

void t2t_layer_norm_backward(const float *x, const float *gain, const float *mean, const float *rstd, const float *dy,
                             float *dx, long rows, long cols, float *scratch) {
    T2T_DISPATCH(t2t_layer_norm_backward, (x, gain, mean, rstd, dy, dx, rows, cols, scratch))
}

void t2t_layer_norm_parameter_gradients(const float *x, const float *mean, const float *rstd, const float *dy,
                                        float *dgain, float *dbias, long rows, long cols) {
    T2T_DISPATCH(t2t_layer_norm_parameter_gradients, (x, mean, rstd, dy, dgain, dbias, rows, cols))
}

void t2t_adamw(float *p, const float *g, float *m, float *v, long count, float decay, float b1, float b2, float eps,
               float step_size, float root_c2) {
    T2T_DISPATCH(t2t_adamw, (p, g, m, v, count, decay, b1, b2, eps, step_size, root_c2))
}
