import CMemory

/// Keeps freed large buffers in the process for reuse instead of returning them to the operating system.
///
/// Training allocates the same few megabyte-sized arrays every step (activations, their gradients). glibc's
/// malloc serves blocks above its mmap threshold (128 KiB at first) with fresh `mmap`s and trims freed memory at
/// the top of the heap, so every step asked the kernel for new pages and paid a page fault and a zero-fill per
/// 4 KiB: measured as a quarter to a third of paper 000's LRU training step on this machine, more than its matrix
/// products. Raising the mmap threshold (to 256 MiB: every activation of the workspace's models is below it) and
/// the trim threshold (512 MiB) lets those blocks come back from malloc's free lists. The cost is that a process
/// keeps its peak heap until it exits, which for a chapter, a test or a benchmark is what we want.
///
/// `Tensor` calls `keep()` whenever it allocates, so no program can forget it; the first call sets the policy
/// and later ones cost an atomic load. On platforms without glibc it does nothing (their allocators already
/// reuse large blocks).
public enum LargeBuffers {
    /// Sets the policy on the first call; returns whether it is in force (false where it does not apply).
    @discardableResult @inline(__always)
    public static func keep() -> Bool { t2t_keep_large_buffers() == 1 }
}
