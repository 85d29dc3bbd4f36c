import CBLAS
import LinearAlgebra
import Testing

// Float products with a small inner dimension run our own kernel (SmallGemm.swift). Each entry must be one chain
// of fused multiply–adds over k in order: compared here bit for bit with that chain written out, and with
// OpenBLAS to Float accuracy (on this workspace's Skylake-X machine they agree bit for bit too; printed).

@Suite(.serialized) struct SmallGemmKernel {
    /// (m, n, k): tails in m (not a multiple of 8) and n (not of 32); the dense layers' and the LRU's shapes.
    static let shapes = [(16, 8, 1), (37, 45, 50), (64, 128, 128), (203, 100, 50), (130, 33, 448)]

    @Test(arguments: shapes, [false, true])
    func everyEntryIsOneOrderedChainOfFusedMultiplyAdds(shape: (Int, Int, Int), transB: Bool) {
        let (m, n, k) = shape
        var rng = SeededRNG(seed: UInt64(m * 7 + n * 3 + k))
        let a = randomFloats(m * k, using: &rng)
        let b = randomFloats(k * n, using: &rng)
        let ldb = transB ? k : n
        func bEntry(_ kk: Int, _ j: Int) -> Float { transB ? b[j * k + kk] : b[kk * n + j] }
        var reference = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n {
            var s: Float = 0
            for kk in 0..<k { s.addProduct(a[i * k + kk], bEntry(kk, j)) }  // fused: one rounding per step
            reference[i * n + j] = s
        } }
        var ours = [Float](repeating: .nan, count: m * n), blas = ours
        SmallGemm.enabled = true
        Float.gemm(transA: false, transB: transB, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: ldb, beta: 0,
                   c: &ours, ldc: n)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, transB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                    a, Int32(k), b, Int32(ldb), 0, &blas, Int32(n))
        let sameAsOpenBLAS = zip(ours, blas).filter { $0 == $1 }.count
        print("small gemm \(m)×\(n)×\(k) transB=\(transB) (SIMD level \(VectorExtension.level)): "
              + "\(sameAsOpenBLAS) of \(m * n) entries equal OpenBLAS's bit for bit")
        if VectorExtension.level >= 3 { #expect(ours == reference) }
        let worst = zip(ours, blas).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-5 * Float(k))
    }
}

extension SmallGemmKernel {
    /// β = 1 adds the chain to C, as OpenBLAS's kernel does (the LRU's D·u and its backward pass use it).
    @Test(arguments: [false, true])
    func betaOneAddsTheChainToC(transB: Bool) {
        let (m, n, k) = (203, 50, 100)
        var rng = SeededRNG(seed: 11)
        let a = randomFloats(m * k, using: &rng)
        let b = randomFloats(k * n, using: &rng)
        let c0 = randomFloats(m * n, using: &rng)
        let ldb = transB ? k : n
        var reference = c0
        for i in 0..<m { for j in 0..<n {
            var s: Float = 0
            for kk in 0..<k { s.addProduct(a[i * k + kk], transB ? b[j * k + kk] : b[kk * n + j]) }
            reference[i * n + j] += s
        } }
        var ours = c0
        SmallGemm.enabled = true
        Float.gemm(transA: false, transB: transB, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: ldb, beta: 1,
                   c: &ours, ldc: n)
        if VectorExtension.level >= 3 { #expect(ours == reference) }
        #expect(zip(ours, reference).allSatisfy { abs($0 - $1) <= 1e-4 })
    }
}
