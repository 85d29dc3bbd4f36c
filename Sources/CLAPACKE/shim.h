#ifndef T2T_CLAPACKE_SHIM_H
#define T2T_CLAPACKE_SHIM_H
#include <lapacke.h>
#endif
