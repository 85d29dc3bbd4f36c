#include "ckernels.h"
#define T2T_BODY "gemm_body.h"
#include "variants.h"

long t2t_sgemm_packed_size(long k, long n) { return (n + 31) / 32 * 32 * k; }

void t2t_sgemm_pack(const float *b, long ldb, int trans_b, long k, long n, float *packed) {
    T2T_DISPATCH(t2t_sgemm_pack, (b, ldb, trans_b, k, n, packed))
}

void t2t_sgemm_rows(const float *a, long lda, const float *packed, long k, long n, float *c, long ldc,
                    long row_begin, long row_end, int accumulate) {
    T2T_DISPATCH(t2t_sgemm_rows, (a, lda, packed, k, n, c, ldc, row_begin, row_end, accumulate))
}
