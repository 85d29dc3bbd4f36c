#include "ckernels.h"
#include <stdlib.h>
#include <string.h>

static int detected(void) {
#if defined(__x86_64__) && defined(__clang__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("x86-64-v4")) return 4;
    if (__builtin_cpu_supports("x86-64-v3")) return 3;
#endif
    return 1;
}

int t2t_detected_simd_level(void) { return detected(); }

static int level = 0;  // 0: not decided yet. A benign race: every thread would decide the same value.
// A level forced for the calling thread only (0: none), so that a test comparing the copies cannot change the
// kernels another test is running on another thread; t2t_parallel_for hands it to the workers that help.
static _Thread_local int thread_level = 0;

static int clamp(int wanted) {
    int best = detected();
    if (wanted >= 4 && best >= 4) return 4;
    if (wanted >= 3 && best >= 3) return 3;
    return 1;
}

// T2T_SIMD is read strictly: "1", "3" or "4", anything else means "detect". Swift's ComputeConfiguration reads
// the same variable first and stops a chapter with a one-line error on any other value, so a typo never silently
// selects the slowest kernels.
int t2t_simd_level(void) {
    if (thread_level) return thread_level;
    if (level == 0) {
        const char *env = getenv("T2T_SIMD");
        int wanted = 0;
        if (env && (!strcmp(env, "1") || !strcmp(env, "3") || !strcmp(env, "4"))) wanted = env[0] - '0';
        level = wanted ? clamp(wanted) : detected();
    }
    return level;
}

int t2t_set_simd_level(int wanted) {
    level = wanted == 0 ? 0 : clamp(wanted);
    return t2t_simd_level();
}

int t2t_thread_simd_level(void) { return thread_level; }

int t2t_set_thread_simd_level(int wanted) {
    thread_level = wanted == 0 ? 0 : clamp(wanted);
    return t2t_simd_level();
}
