// The worker threads behind KernelThreads.chunks: t2t_parallel_for.
//
// Why not DispatchQueue.concurrentPerform: a training step of paper 000's models hands work to the second core
// some twenty times, every 20–200 µs, and GCD puts its worker to sleep in between, so each hand-off paid a
// futex wake-up (12–15 µs on this VM, measured) and `perf` counted a tenth of the LRU's step in the scheduler.
// Here each worker spins for a short while after its part of a job (T2T_POOL_SPIN_US, default 100 µs), yielding
// the core to any other runnable thread, and only then sleeps; a job that arrives in that window starts at once.
//
// Chunks are handed out one at a time from a shared counter, so with more chunks than threads a slower
// participant takes fewer (KernelThreads makes one per thread, for cache locality: the caller then nearly always
// runs chunk 0). The chunks are the caller's, so which thread runs a chunk never changes what it computes. Each
// worker has its own mailbox (a job number, a pointer to the job, a done number), and the caller waits until every
// worker it used has reported the job done before returning, so a worker never touches a job that has ended. A call from inside a job, or while another
// thread is using the pool, runs its chunks on the calling thread.
#include "ckernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

enum { T2T_POOL_MAX_WORKERS = 63 };

typedef struct {
    t2t_chunk_fn fn;
    void *ctx;
    long chunks;
    _Atomic long next;      // the next chunk nobody has taken
    int level;              // the caller's own vector level (t2t_thread_simd_level), which the workers adopt
} job_t;

typedef struct {
    _Atomic long job;       // bumped by the caller to hand over a job
    _Atomic long done;      // set to `job` by the worker when it has stopped taking chunks
    _Atomic int sleeping;   // the worker is (about to be) waiting on `wake`
    job_t *current;
    pthread_mutex_t lock;
    pthread_cond_t wake;
} mailbox;

static mailbox boxes[T2T_POOL_MAX_WORKERS];
static int workers_started;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int inside_job;
static long spin_ns = -1;
long t2t_pool_threads = 1;

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static inline void cpu_relax(void) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#endif
}

static void take_chunks(job_t *job) {
    for (long c; (c = atomic_fetch_add_explicit(&job->next, 1, memory_order_relaxed)) < job->chunks;)
        job->fn(job->ctx, c);
}

/// Waits for a job newer than `seen`: spins (yielding to other runnable threads) for spin_ns, then sleeps.
static long wait_for_job(mailbox *box, long seen) {
    long deadline = now_ns() + spin_ns;
    for (int i = 0;; i++) {
        long job = atomic_load_explicit(&box->job, memory_order_acquire);
        if (job != seen) return job;
        if ((i & 63) == 63) {
            if (now_ns() > deadline) break;
            sched_yield();
        } else {
            cpu_relax();
        }
    }
    pthread_mutex_lock(&box->lock);
    atomic_store(&box->sleeping, 1);  // seq_cst, paired with the caller's store of `job` and load of `sleeping`
    long job;
    while ((job = atomic_load(&box->job)) == seen) pthread_cond_wait(&box->wake, &box->lock);
    atomic_store(&box->sleeping, 0);
    pthread_mutex_unlock(&box->lock);
    return job;
}

static void *worker_main(void *arg) {
    mailbox *box = arg;
    inside_job = 1;  // a worker's own calls to t2t_parallel_for run serially
    long seen = 0;
    for (;;) {
        seen = wait_for_job(box, seen);
        t2t_set_thread_simd_level(box->current->level);
        take_chunks(box->current);
        t2t_set_thread_simd_level(0);
        atomic_store_explicit(&box->done, seen, memory_order_release);
    }
    return NULL;
}

/// Starts workers up to `needed` (called with pool_lock held). Returns how many exist.
static int ensure_workers(int needed) {
    if (spin_ns < 0) {
        const char *value = getenv("T2T_POOL_SPIN_US");
        spin_ns = (value ? atol(value) : 100) * 1000L;
        if (spin_ns < 0) spin_ns = 0;
    }
    if (needed > T2T_POOL_MAX_WORKERS) needed = T2T_POOL_MAX_WORKERS;
    while (workers_started < needed) {
        mailbox *box = &boxes[workers_started];
        pthread_mutex_init(&box->lock, NULL);
        pthread_cond_init(&box->wake, NULL);
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, 8 << 20);  // chunk bodies are Swift closures; give them a main-size stack
        pthread_t thread;
        int failed = pthread_create(&thread, &attr, worker_main, box);
        pthread_attr_destroy(&attr);
        if (failed) break;
        pthread_detach(thread);
        workers_started++;
    }
    return workers_started;
}

void t2t_parallel_for(long chunks, t2t_chunk_fn fn, void *ctx) {
    if (chunks <= 0) return;
    if (chunks == 1 || inside_job || pthread_mutex_trylock(&pool_lock) != 0) {
        for (long c = 0; c < chunks; c++) fn(ctx, c);
        return;
    }
    long threads = t2t_pool_threads > 0 ? t2t_pool_threads : 1;
    long helpers = (chunks < threads ? chunks : threads) - 1, started = ensure_workers((int)helpers);
    if (helpers > started) helpers = started;  // a worker that could not be started
    job_t job = {fn, ctx, chunks, 0, t2t_thread_simd_level()};
    long jobs[T2T_POOL_MAX_WORKERS];
    for (long w = 0; w < helpers; w++) {
        mailbox *box = &boxes[w];
        box->current = &job;
        jobs[w] = atomic_load(&box->job) + 1;
        atomic_store(&box->job, jobs[w]);  // seq_cst: either the worker sees it or we see it sleeping
        if (atomic_load(&box->sleeping)) {
            pthread_mutex_lock(&box->lock);
            pthread_cond_signal(&box->wake);
            pthread_mutex_unlock(&box->lock);
        }
    }
    inside_job = 1;
    take_chunks(&job);
    inside_job = 0;
    for (long w = 0; w < helpers; w++)
        for (int i = 0; atomic_load_explicit(&boxes[w].done, memory_order_acquire) != jobs[w]; i++)
            if ((i & 63) == 63) sched_yield(); else cpu_relax();
    pthread_mutex_unlock(&pool_lock);
}
