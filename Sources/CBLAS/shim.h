#ifndef T2T_CBLAS_SHIM_H
#define T2T_CBLAS_SHIM_H
#include <cblas.h>
#endif
