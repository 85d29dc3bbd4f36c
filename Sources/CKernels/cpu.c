#include "ckernels.h"
#include <stdlib.h>

static int detected(void) {
#if defined(__x86_64__) && defined(__clang__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("x86-64-v4")) return 4;
    if (__builtin_cpu_supports("x86-64-v3")) return 3;
#endif
    return 1;
}

static int level = 0;  // 0: not decided yet. A benign race: every thread would decide the same value.

static int clamp(int wanted) {
    int best = detected();
    if (wanted >= 4 && best >= 4) return 4;
    if (wanted >= 3 && best >= 3) return 3;
    return 1;
}

int t2t_simd_level(void) {
    if (level == 0) {
        const char *env = getenv("T2T_SIMD");
        level = env ? clamp(atoi(env)) : detected();
    }
    return level;
}

int t2t_set_simd_level(int wanted) {
    level = wanted == 0 ? 0 : clamp(wanted);
    return t2t_simd_level();
}
