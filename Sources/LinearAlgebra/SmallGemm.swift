import CKernels
import Compute
import Foundation

/// Float matrix products C = A·op(B) with an inner dimension up to 1024, run by our own kernel
/// (Sources/CKernels/gemm_body.h) instead of OpenBLAS. These are the products of every dense layer here (k = 50–512)
/// and of the LRU's projections, where Debian's OpenBLAS reaches 90–180 GFLOP/s on two cores and the kernel about
/// twice that. Each entry is one chain of fused multiply–adds over k in order, computed by one thread, so the
/// result never depends on the thread count. Tests hold it to a plain Double-accumulated reference within Float
/// accuracy at every vector level (decision 35).
public enum SmallGemm {
    /// Use the kernel where it applies: `ComputeConfiguration.current.smallGemm` (on unless T2T_SMALL_GEMM=0).
    public static var enabled: Bool {
        get { ComputeConfiguration.current.smallGemm }
        set { ComputeConfiguration.current.smallGemm = newValue }
    }

    /// The largest inner dimension handed to the kernel. Up to here a packed panel of B (k × 32 floats) stays in
    /// L2 while eight rows of A stream past it; the GPT's k = 512 products were 10–20 % faster here than in
    /// OpenBLAS (decision 35).
    public static let maxInner = 1024

    /// Whether C ← α·op(A)·op(B) + β·C goes to the kernel: A not transposed, α = 1, β = 0 or 1 (the chain is
    /// then added to C), 1 ≤ k ≤ 1024, a product big enough to be worth packing B, and a CPU with fused
    /// multiply–add (the portable copy would emulate it).
    static func applies(transA: Bool, m: Int, n: Int, k: Int, alpha: Float, beta: Float) -> Bool {
        enabled && !transA && alpha == 1 && (beta == 0 || beta == 1) && (1...maxInner).contains(k) && m >= 16
            && n >= 8 && m * n * k >= 32_768 && t2t_simd_level() >= 3
    }

    static func multiply(transB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                         b: UnsafePointer<Float>, ldb: Int, accumulate: Bool, c: UnsafeMutablePointer<Float>,
                         ldc: Int) {
        let packed = UnsafeMutablePointer<Float>.allocate(capacity: t2t_sgemm_packed_size(k, n))
        defer { packed.deallocate() }
        t2t_sgemm_pack(b, ldb, transB ? 1 : 0, k, n, packed)
        // Blocks of eight rows; a block's cost grows with n·k, which is what the chunk size should see.
        KernelThreads.chunks((m + 7) / 8, scalarsPerItem: Swift.max(1, n * k / 8)) { r in
            t2t_sgemm_rows(a, lda, packed, k, n, c, ldc, r.lowerBound * 8, Swift.min(m, r.upperBound * 8),
                           accumulate ? 1 : 0)
        }
    }
}
