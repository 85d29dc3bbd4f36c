import LinearAlgebra
import Testing

// Float products with a small inner dimension run our own kernel (SmallGemm.swift) where it applies. Checked the
// way llm.c checks its kernels: against the plain Double reference within Float accuracy, at every vector level
// this CPU has (at the SSE2 level the product goes to OpenBLAS, which is held to the same bound), and with the
// same bits on one thread and on two (each entry is computed by one thread, so the split cannot matter).

@Suite(.serialized) struct SmallGemmKernel {
    /// (m, n, k): tails in m (not a multiple of 6 or 8) and n (a last panel of 1–8, 9–16, 17–24 and 25–32 columns:
    /// each has its own tile); the dense layers' and the LRU's shapes; the GPT's k = 512 products; a long k.
    static let shapes = [(16, 8, 1), (37, 45, 50), (64, 128, 128), (203, 100, 50), (130, 33, 448), (256, 128, 512),
                         (40, 24, 1000), (64, 20, 30), (48, 50, 64), (29, 61, 17)]

    func product(_ shape: (Int, Int, Int), transB: Bool, beta: Float) -> (ours: [Float], reference: ReferenceProduct) {
        let (m, n, k) = shape
        var rng = SeededRNG(seed: UInt64(m * 7 + n * 3 + k))
        let a = randomFloats(m * k, using: &rng), b = randomFloats(k * n, using: &rng), c0 = randomFloats(m * n, using: &rng)
        var ours = beta == 0 ? [Float](repeating: .nan, count: m * n) : c0
        Float.gemm(transA: false, transB: transB, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: transB ? k : n,
                   beta: beta, c: &ours, ldc: n)
        return (ours, ReferenceProduct(transA: false, transB: transB, m: m, n: n, k: k, a: a, b: b,
                                       c0: beta == 0 ? nil : c0))
    }

    @Test(arguments: shapes, [false, true])
    func agreesWithThePlainReferenceAtEveryLevel(shape: (Int, Int, Int), transB: Bool) {
        VectorExtension.forEachAvailable { level in
            for beta: Float in [0, 1] {
                let (ours, reference) = product(shape, transB: transB, beta: beta)
                let error = reference.worstError(of: ours, k: shape.2)
                #expect(error <= 1, "\(shape) transB=\(transB) β=\(beta) level \(level): \(error) × the Float bound")
            }
        }
    }

    /// The AVX2 copy (6 × 16 tiles) and the AVX-512 copy (8 × 32) sum every entry in the same order.
    @Test(arguments: [(203, 100, 50), (37, 45, 50), (256, 128, 512), (64, 20, 30), (48, 50, 64)])
    func theAVX2AndAVX512CopiesGiveTheSameBits(shape: (Int, Int, Int)) {
        var results = [Int32: [Float]]()
        VectorExtension.forEachAvailable { level in results[level] = product(shape, transB: false, beta: 1).ours }
        if let avx2 = results[3], let avx512 = results[4] { #expect(avx2 == avx512) }
    }

    @Test(arguments: [(203, 100, 50), (256, 128, 512)])
    func theSameBitsOnOneThreadAndOnTwo(shape: (Int, Int, Int)) {
        let threads = KernelThreads.count
        defer { KernelThreads.count = threads }
        KernelThreads.count = 1
        let one = product(shape, transB: true, beta: 0).ours
        KernelThreads.count = 2
        #expect(product(shape, transB: true, beta: 0).ours == one)
    }
}
