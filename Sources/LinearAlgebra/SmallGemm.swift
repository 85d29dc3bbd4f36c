import CKernels
import Foundation

/// Float matrix products with a small inner dimension, C = A·op(B) with k ≤ 448, run by our own kernel
/// (Sources/CKernels/gemm_body.h) instead of OpenBLAS. These are the products of every dense layer here (k = 50–128)
/// and of the LRU's projections, where Debian's OpenBLAS reaches 90–180 GFLOP/s on two cores and the kernel about
/// twice that. Each entry is the same chain of fused multiply–adds OpenBLAS's Skylake-X kernel computes, so on
/// such a machine the results are the same bits; on others they may differ from OpenBLAS's in the last bits, but
/// they never depend on the thread count (each entry is computed by one thread).
public enum SmallGemm {
    /// Use the kernel where it applies (default: yes, unless the environment sets T2T_SMALL_GEMM=0).
    nonisolated(unsafe) public static var enabled = ProcessInfo.processInfo.environment["T2T_SMALL_GEMM"] != "0"

    /// The largest inner dimension handed to the kernel: OpenBLAS's block size on Skylake-X, below which its
    /// chain of multiply–adds is one pass over k, like ours.
    public static let maxInner = 448

    /// Whether C ← α·op(A)·op(B) + β·C goes to the kernel: A not transposed, α = 1, β = 0 or 1 (OpenBLAS adds
    /// the chain to C, as the kernel does), 1 ≤ k ≤ 448, a product big enough to be worth packing B, and a CPU with
    /// fused multiply–add (the portable copy would emulate it).
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
