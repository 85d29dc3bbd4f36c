// Compiles the file named by T2T_BODY once per vector extension. Each copy's functions get a suffix (_v4, _v3,
// _v1 via T2T_NAME) and, through `#pragma clang attribute`, the target attribute of their extension, so static
// helpers inside a copy share its vector calling convention. T2T_DISPATCH(f, args) calls the copy for the
// current t2t_simd_level(). T2T_LEVEL (4, 3 or 1) lets a body choose code for its extension.
//
// Why not `target_clones`: a clone cannot pass 16-lane vectors to helper functions (the ABI of a vector argument
// depends on the extension), and one include per extension keeps every helper a real function.
#pragma STDC FP_CONTRACT OFF
#pragma clang diagnostic ignored "-Wpsabi"

#define T2T_CAT2(a, b) a##_##b
#define T2T_CAT(a, b) T2T_CAT2(a, b)
#define T2T_NAME(f) T2T_CAT(f, T2T_VARIANT)

#if defined(__x86_64__) && defined(__clang__)
#pragma clang attribute push(__attribute__((target("arch=x86-64-v4"))), apply_to = function)
#define T2T_VARIANT v4
#define T2T_LEVEL 4
#include T2T_BODY
#undef T2T_VARIANT
#undef T2T_LEVEL
#pragma clang attribute pop

#pragma clang attribute push(__attribute__((target("arch=x86-64-v3"))), apply_to = function)
#define T2T_VARIANT v3
#define T2T_LEVEL 3
#include T2T_BODY
#undef T2T_VARIANT
#undef T2T_LEVEL
#pragma clang attribute pop

#define T2T_DISPATCH(f, args)                                    \
    switch (t2t_simd_level()) {                                  \
    case 4: f##_v4 args; break;                                  \
    case 3: f##_v3 args; break;                                  \
    default: f##_v1 args; break;                                 \
    }
#else
#define T2T_DISPATCH(f, args) f##_v1 args;
#endif

#define T2T_VARIANT v1
#define T2T_LEVEL 1
#include T2T_BODY
#undef T2T_VARIANT
#undef T2T_LEVEL
