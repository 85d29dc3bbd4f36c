import LinearAlgebra
import Testing

// Weight-gradient products C = Aᵀ·B with a long inner dimension run our own kernel (LongInnerGemm.swift): k cut
// into fixed blocks of 512, each block one chain of fused multiply–adds, the blocks added in order. Checked
// against the plain Double reference within Float accuracy at every vector level this CPU has, and for the same
// bits on one thread and on two (threads take whole blocks; the cut does not depend on them).

@Suite(.serialized) struct LongInnerGemmKernel {
    /// (m, n, k): paper 000's weight gradients, tails in m (not a multiple of 8) and n (not of 32), a k that is not
    /// a multiple of the block, small results, a GPT-sized result, chapter 2's batch of 256.
    static let shapes = [(50, 100, 5000), (100, 50, 5000), (37, 45, 1500), (64, 128, 900), (9, 33, 4003),
                         (8, 16, 5000), (130, 384, 1000), (64, 8, 256)]

    func product(_ shape: (Int, Int, Int)) -> (ours: [Float], reference: ReferenceProduct) {
        let (m, n, k) = shape
        var rng = SeededRNG(seed: UInt64(m * 7 + n * 3 + k))
        let a = randomFloats(k * m, using: &rng), b = randomFloats(k * n, using: &rng)
        var ours = [Float](repeating: .nan, count: m * n)
        Float.gemm(transA: true, transB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: m, b: b, ldb: n, beta: 0,
                   c: &ours, ldc: n)
        return (ours, ReferenceProduct(transA: true, transB: false, m: m, n: n, k: k, a: a, b: b))
    }

    @Test(arguments: shapes)
    func agreesWithThePlainReferenceAtEveryLevel(shape: (Int, Int, Int)) {
        VectorExtension.forEachAvailable { level in
            let (ours, reference) = product(shape)
            let error = reference.worstError(of: ours, k: shape.2)
            #expect(error <= 1, "\(shape) level \(level): \(error) × the Float bound")
        }
    }

    /// The AVX2 copy (the 8 × 32 tile in three parts) and the AVX-512 copy sum every entry in the same order.
    @Test(arguments: [(50, 100, 5000), (9, 33, 4003), (130, 384, 1000)])
    func theAVX2AndAVX512CopiesGiveTheSameBits(shape: (Int, Int, Int)) {
        var results = [Int32: [Float]]()
        VectorExtension.forEachAvailable { level in results[level] = product(shape).ours }
        if let avx2 = results[3], let avx512 = results[4] { #expect(avx2 == avx512) }
    }

    @Test(arguments: [(50, 100, 5000), (130, 384, 1000)])
    func theSameBitsOnOneThreadAndOnTwo(shape: (Int, Int, Int)) {
        let threads = KernelThreads.count
        defer { KernelThreads.count = threads }
        KernelThreads.count = 1
        let one = product(shape).ours
        KernelThreads.count = 2
        #expect(product(shape).ours == one)
    }

    /// The kernel is really used where the chapters need it (otherwise the tests above would test OpenBLAS).
    @Test func takesTheWeightGradientsWhenTheCPUHasFMA() {
        guard VectorExtension.level >= 3 else { return }
        var rng = SeededRNG(seed: 5)
        let (m, n, k) = (50, 100, 5000)
        let a = randomFloats(k * m, using: &rng), b = randomFloats(k * n, using: &rng)
        var viaGemm = [Float](repeating: 0, count: m * n), direct = viaGemm
        Float.gemm(transA: true, transB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: m, b: b, ldb: n, beta: 0,
                   c: &viaGemm, ldc: n)
        LongInnerGemm.multiply(m: m, n: n, k: k, a: a, lda: m, b: b, ldb: n, c: &direct, ldc: n)
        #expect(viaGemm == direct)
    }
}
