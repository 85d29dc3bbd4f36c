// glibc's mallopt lives in <malloc.h>, which Swift's Glibc module does not export. The once-guard is here, in C,
// because Swift's optimiser may drop an unused read of a lazily initialised global, and with it the side effect.
#include "cmemory.h"
#include <pthread.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int configured = 0;

static void configure(void) {
#if defined(__GLIBC__)
    configured = mallopt(M_MMAP_THRESHOLD, 256 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 512 << 20) == 1;
#endif
}

int t2t_keep_large_buffers(void) {
    pthread_once(&once, configure);
    return configured;
}
