#include "ckernels.h"
#define T2T_BODY "softmax_body.h"
#include "variants.h"

void t2t_causal_softmax_rows(float *s, long ld, long first_row, long rows, long columns, float scale) {
    T2T_DISPATCH(t2t_causal_softmax_rows, (s, ld, first_row, rows, columns, scale))
}

void t2t_causal_softmax_backward_rows(const float *a, float *da, long ld, long first_row, long rows, long columns,
                                      float scale) {
    T2T_DISPATCH(t2t_causal_softmax_backward_rows, (a, da, ld, first_row, rows, columns, scale))
}
