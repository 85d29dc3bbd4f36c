import CKernels
import Foundation

/// Float products C = Aᵀ·B with a long inner dimension and a small result, run by our own kernel
/// (Sources/CKernels/gemm_tn_body.h) instead of OpenBLAS: the weight gradients of the dense layers and LRU
/// projections, summed over the B·T rows of a batch (k = 5000 for paper 000's models). OpenBLAS spent a third of
/// the LRU's training step on them, much of it copying both operands into its packed layout; the kernel reads A
/// where it lies, and both cores share the work (OpenBLAS's two threads barely beat one on these shapes).
///
/// It sums in OpenBLAS's order: k cut into blocks as OpenBLAS's one-thread or threaded driver would cut it (the
/// two differ), each block one chain of fused multiply–adds, the blocks added in turn. So every chapter prints
/// the same bits as with OpenBLAS, on one thread or two. Decision 34 has the measurements.
public enum LongInnerGemm {
    /// Use the kernel where it applies (default: yes, unless the environment sets T2T_LONG_GEMM=0).
    nonisolated(unsafe) public static var enabled = ProcessInfo.processInfo.environment["T2T_LONG_GEMM"] != "0"

    /// At or below this m·n·k, OpenBLAS's Skylake-X build takes its small-matrix kernel, another order of sums.
    static let openBLASSmallKernelUpTo = 1_000_000

    /// Whether C ← α·op(A)·op(B) + β·C goes to the kernel: A transposed, B not, α = 1, β = 0, k beyond one
    /// OpenBLAS block, a result between 8 × 8 and 128 × 128 (larger ones are OpenBLAS's strength), a product
    /// beyond OpenBLAS's small-matrix kernel, and hardware FMA.
    static func applies(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float, beta: Float) -> Bool {
        enabled && transA && !transB && alpha == 1 && beta == 0 && k > SmallGemm.maxInner
            && (8...128).contains(m) && (8...128).contains(n) && m * n * k > openBLASSmallKernelUpTo
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
        KernelThreads.chunks(t2t_sgemm_tn_tile_count(m, n), scalarsPerItem: 256 * k) { r in
            t2t_sgemm_tn_tiles(a, lda, b, ldb, k, m, n, c, ldc, r.lowerBound, r.upperBound, threaded ? 1 : 0)
        }
    }

    /// The length of each block OpenBLAS's threaded or one-thread driver cuts k into, in order.
    public static func blocks(k: Int, cutLikeThreadedOpenBLAS threaded: Bool) -> [Int] {
        var lengths = [Int](), done = 0
        while done < k { lengths.append(t2t_sgemm_tn_cut(k - done, threaded ? 1 : 0)); done += lengths.last! }
        return lengths
    }
}
