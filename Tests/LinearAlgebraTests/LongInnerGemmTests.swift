import CBLAS
import LinearAlgebra
import Testing

// Weight-gradient products C = Aᵀ·B with a long inner dimension run our own kernel (LongInnerGemm.swift), which
// must sum in OpenBLAS's order: k cut into blocks (one rule for OpenBLAS's one-thread driver, another for its
// threaded one), each block one chain of fused multiply–adds from zero, the blocks added to C in turn.

@Suite(.serialized) struct LongInnerGemmKernel {
    @Test func blocksAreCutAsOpenBLASCutsThem() {
        // 5000 = 10 × 448 + 520; the rest is halved, rounded up to 16 by the one-thread driver.
        #expect(LongInnerGemm.blocks(k: 5000, cutLikeThreadedOpenBLAS: false) == Array(repeating: 448, count: 10) + [272, 248])
        #expect(LongInnerGemm.blocks(k: 5000, cutLikeThreadedOpenBLAS: true) == Array(repeating: 448, count: 10) + [260, 260])
        #expect(LongInnerGemm.blocks(k: 449, cutLikeThreadedOpenBLAS: true) == [225, 224])
        #expect(LongInnerGemm.blocks(k: 896, cutLikeThreadedOpenBLAS: false) == [448, 448])
        #expect(LongInnerGemm.blocks(k: 300, cutLikeThreadedOpenBLAS: false) == [300])
    }

    /// (m, n, k): paper 000's weight gradients, tails in m (not a multiple of 8) and n (not of 32), a k whose
    /// two cuts differ only in rounding, a GPT-sized result.
    static let shapes = [(50, 100, 5000), (100, 50, 5000), (37, 45, 1500), (64, 128, 900), (9, 33, 4003),
                         (130, 384, 1000)]

    @Test(arguments: shapes, [false, true])
    func everyEntryIsOpenBLASsChainOfBlocks(shape: (Int, Int, Int), threaded: Bool) {
        let (m, n, k) = shape
        var rng = SeededRNG(seed: UInt64(m * 7 + n * 3 + k))
        let a = randomFloats(k * m, using: &rng)
        let b = randomFloats(k * n, using: &rng)
        let blocks = LongInnerGemm.blocks(k: k, cutLikeThreadedOpenBLAS: threaded)
        var reference = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n {
            var c: Float = 0, start = 0
            for length in blocks {
                var s: Float = 0
                for kk in start..<(start + length) { s.addProduct(a[kk * m + i], b[kk * n + j]) }  // fused
                c += s
                start += length
            }
            reference[i * n + j] = c
        } }
        var ours = [Float](repeating: .nan, count: m * n), blas = ours
        VectorExtension.forEachAvailable { level in
            guard level >= 3 else { return }  // the kernel is only used with hardware FMA
            ours = [Float](repeating: .nan, count: m * n)
            LongInnerGemm.multiply(m: m, n: n, k: k, a: a, lda: m, b: b, ldb: n, c: &ours, ldc: n,
                                   cutLikeThreadedOpenBLAS: threaded)
            #expect(ours == reference, "level \(level)")
        }
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(m), b, Int32(n),
                    0, &blas, Int32(n))
        let sameAsOpenBLAS = zip(reference, blas).filter { $0 == $1 }.count
        print("long gemm \(m)×\(n)×\(k), \(threaded ? "threaded" : "one-thread") cut, OpenBLAS on "
              + "\(BLASThreads.count) thread(s): \(sameAsOpenBLAS) of \(m * n) entries equal OpenBLAS's bit for bit")
        let worst = zip(reference, blas).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-5 * Float(k))
    }

    @Test func goesToOpenBLASOutsideItsShapes() {
        // 8 × 16 × 5000 is OpenBLAS's small-matrix kernel's (m·n·k ≤ 10⁶), another order of sums: not ours to take.
        var rng = SeededRNG(seed: 3)
        let (m, n, k) = (8, 16, 5000)
        let a = randomFloats(k * m, using: &rng)
        let b = randomFloats(k * n, using: &rng)
        var viaGemm = [Float](repeating: 0, count: m * n), direct = viaGemm
        Float.gemm(transA: true, transB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: m, b: b, ldb: n, beta: 0,
                   c: &viaGemm, ldc: n)
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(m), b, Int32(n),
                    0, &direct, Int32(n))
        #expect(viaGemm == direct)
    }
}
