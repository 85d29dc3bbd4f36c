import CKernels
import Compute
import Foundation

/// Float products C = Aᵀ·B with a long inner dimension and a small result, run by our own kernel
/// (Sources/CKernels/gemm_tn_body.h) instead of OpenBLAS: the weight gradients of the dense layers and LRU
/// projections, summed over the B·T rows of a batch (k = 5000 for paper 000's models). OpenBLAS spent a quarter
/// of the LRU's training step on them, much of it copying both operands into its packed layout, and its two
/// threads barely beat one on these shapes.
///
/// The kernel cuts k into blocks of 512 rows, sums each block as one chain of fused multiply–adds from zero and
/// adds the blocks in order. The blocks are independent, which is how the work is split over threads, and the cut
/// is fixed, so the result is the same on one thread or many. Tests hold it to a plain Double-accumulated
/// reference within Float accuracy at every vector level (decisions 34 and 35).
public enum LongInnerGemm {
    /// Use the kernel where it applies: `ComputeConfiguration.current.longInnerGemm` (on unless T2T_LONG_GEMM=0).
    public static var enabled: Bool {
        get { ComputeConfiguration.current.longInnerGemm }
        set { ComputeConfiguration.current.longInnerGemm = newValue }
    }

    /// Rows of k per block (CKernels' T2T_TN_BLOCK).
    public static let blockLength = 512

    /// Whether C ← α·op(A)·op(B) + β·C goes to the kernel: A transposed, B not, α = 1, β = 0, a long k, a result
    /// between 8 × 8 and 512 × 512 (every weight here; the GPT's 128 × 512 gradients too), and FMA in hardware.
    static func applies(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float, beta: Float) -> Bool {
        enabled && transA && !transB && alpha == 1 && beta == 0 && k > minimumInner
            && (8...512).contains(m) && (8...512).contains(n) && t2t_simd_level() >= 3
    }

    /// Below this k the product is not a weight gradient over a batch; OpenBLAS takes it.
    static let minimumInner = 128

    /// C = Aᵀ·B (A k × m, B k × n, row-major).
    public static func multiply(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        let blocks = t2t_sgemm_tn_blocks(k)
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: blocks * m * n)
        defer { sums.deallocate() }
        // Threads take whole blocks of k, so each reads only its rows of A and B: the rows the previous, row-split
        // kernels left in its own cache.
        KernelThreads.chunks(blocks, scalarsPerItem: m * n * blockLength) { r in
            t2t_sgemm_tn_block_sums(a, lda, b, ldb, k, m, n, r.lowerBound, r.upperBound, sums + r.lowerBound * m * n)
        }
        t2t_sgemm_tn_add_blocks(sums, blocks, m, n, c, ldc)
    }
}
