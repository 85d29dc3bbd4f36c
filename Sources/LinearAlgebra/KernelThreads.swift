import CKernels
import Compute
import Foundation

/// How many threads the workspace's own kernels use: attention's (sequence, head) pairs, and the elementwise
/// work on large tensors (activations, layer norm, broadcasting, reductions, optimiser updates). OpenBLAS has
/// its own count (`BLASThreads`); code that runs independent jobs on every core (chapter 5's sweep) sets both to 1.
///
/// Why split elementwise work at all: once the matrix products run on both cores, the single-threaded
/// elementwise passes were about half of a training step of paper 000's models (measured with `perf`), and
/// PyTorch runs them on all its threads.
public enum KernelThreads {
    /// Threads per kernel call: `ComputeConfiguration.current.kernelThreads` (`T2T_KERNEL_THREADS` if set, else
    /// one per core). Sweeps that run jobs side by side set it to 1 while they run.
    public static var count: Int {
        get { ComputeConfiguration.current.kernelThreads }
        set { ComputeConfiguration.current.kernelThreads = Swift.max(1, newValue) }
    }

    /// Below this many scalars a kernel runs on the calling thread: handing work to a second thread costs a few
    /// microseconds, about what one core needs for 30,000 simple operations. The threads are a small pool of our
    /// own (CKernels/pool.c) that stay awake between the many short jobs of a training step.
    public static let minimumScalarsPerThread = 32_768

    /// Splits `0..<items` into at most `count` contiguous chunks and runs `body` on each, in parallel when the
    /// work (`items × scalarsPerItem`) is large enough. Chunks are disjoint, so a body that writes only its own
    /// items needs no locks; and every kernel here computes each item the same way whatever chunk it is in
    /// (ThreadedKernelTests), so the split never changes a bit.
    ///
    /// One chunk per thread, not more: with four per thread, handed out to whichever thread was free, the LRU's
    /// training step went from 5.1 to 5.9 ms, because consecutive passes over the same rows no longer ran on the
    /// core that held them in cache.
    public static func chunks(_ items: Int, scalarsPerItem: Int = 1, _ body: (_ range: Range<Int>) -> Void) {
        let n = chunkCount(items, scalarsPerItem: scalarsPerItem)
        if n <= 1 { if items > 0 { body(0..<items) }; return }
        parallel(n) { c in body(c * items / n ..< (c + 1) * items / n) }
    }

    /// Runs `body(0)`, …, `body(n − 1)` on the calling thread and up to `count` − 1 pool threads, each taking the
    /// next chunk when it is free, and returns when all are done. A call from inside `body`, or while another
    /// thread is using the pool, runs them one by one on the calling thread.
    public static func parallel(_ n: Int, _ body: (_ chunk: Int) -> Void) {
        _ = count  // builds the configuration, which tells the pool its thread count, before the first job
        withoutActuallyEscaping(body) { body in
            var job = body
            withUnsafeMutablePointer(to: &job) { pointer in
                t2t_parallel_for(n, { context, c in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(c)
                }, pointer)
            }
        }
    }

    /// How many chunks `chunks(_:scalarsPerItem:_:)` will use.
    public static func chunkCount(_ items: Int, scalarsPerItem: Int = 1) -> Int {
        let byWork = items * Swift.max(scalarsPerItem, 1) / minimumScalarsPerThread
        return Swift.max(1, Swift.min(count, items, byWork))
    }
}
