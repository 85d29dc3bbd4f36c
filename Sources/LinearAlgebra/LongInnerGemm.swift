import CKernels
import Foundation

/// Float products C = Aᵀ·B with a long inner dimension and a small result, run by our own kernel
/// (Sources/CKernels/gemm_tn_body.h) instead of OpenBLAS: the weight gradients of the dense layers and LRU
/// projections, summed over the B·T rows of a batch (k = 5000 for paper 000's models). OpenBLAS spent a quarter
/// of the LRU's training step on them, much of it copying both operands into its packed layout, and its two
/// threads barely beat one on these shapes.
///
/// It sums in OpenBLAS's order: k cut into blocks as OpenBLAS's one-thread or threaded driver would cut it (the
/// two differ), each block one chain of fused multiply–adds from zero, the blocks added in turn. So every chapter
/// prints the same bits as with OpenBLAS, on one thread or two. The blocks are independent, which is also how the
/// kernel splits the work over threads. Decision 34 has the measurements.
public enum LongInnerGemm {
    /// Use the kernel where it applies (default: yes, unless the environment sets T2T_LONG_GEMM=0).
    nonisolated(unsafe) public static var enabled = ProcessInfo.processInfo.environment["T2T_LONG_GEMM"] != "0"

    /// At or below this m·n·k, OpenBLAS's Skylake-X build takes its small-matrix kernel, another order of sums.
    static let openBLASSmallKernelUpTo = 1_000_000

    /// Whether C ← α·op(A)·op(B) + β·C goes to the kernel: A transposed, B not, α = 1, β = 0, k beyond one
    /// OpenBLAS block, a result between 8 × 8 and 512 × 512 (every weight here; the GPT's 128 × 512 gradients
    /// too, 3% of its step faster than OpenBLAS), a product beyond OpenBLAS's small-matrix kernel, and FMA.
    static func applies(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float, beta: Float) -> Bool {
        enabled && transA && !transB && alpha == 1 && beta == 0 && k > SmallGemm.maxInner
            && (8...512).contains(m) && (8...512).contains(n) && m * n * k > openBLASSmallKernelUpTo
            && t2t_simd_level() >= 3
    }

    /// OpenBLAS threads every product this large when it has more than one thread, and cuts k accordingly.
    static func multiply(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                         b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        multiply(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
                 cutLikeThreadedOpenBLAS: BLASThreads.count > 1)
    }

    /// C = Aᵀ·B (A k × m, B k × n, row-major) with k cut as OpenBLAS's threaded or one-thread driver cuts it;
    /// public so that tests can check both without changing OpenBLAS's thread count under other tests.
    public static func multiply(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                                cutLikeThreadedOpenBLAS threaded: Bool) {
        let cut: Int32 = threaded ? 1 : 0
        let blocks = blocks(k: k, cutLikeThreadedOpenBLAS: threaded).count
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: blocks * m * n)
        defer { sums.deallocate() }
        // Threads take whole blocks of k, so each reads only its rows of A and B: the rows the previous, row-split
        // kernels left in its own cache.
        KernelThreads.chunks(blocks, scalarsPerItem: m * n * SmallGemm.maxInner) { r in
            t2t_sgemm_tn_block_sums(a, lda, b, ldb, k, m, n, cut, r.lowerBound, r.upperBound,
                                    sums + r.lowerBound * m * n)
        }
        t2t_sgemm_tn_add_blocks(sums, blocks, m, n, c, ldc)
    }

    /// The length of each block OpenBLAS's threaded or one-thread driver cuts k into, in order.
    public static func blocks(k: Int, cutLikeThreadedOpenBLAS threaded: Bool) -> [Int] {
        var lengths = [Int](), done = 0
        while done < k { lengths.append(t2t_sgemm_tn_cut(k - done, threaded ? 1 : 0)); done += lengths.last! }
        return lengths
    }
}
