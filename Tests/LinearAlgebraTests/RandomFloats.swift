import LinearAlgebra

/// `count` Floats uniform in [−1, 1], the operands of the matrix-product tests.
func randomFloats(_ count: Int, using rng: inout SeededRNG) -> [Float] {
    (0..<count).map { _ in Float(Double.random(in: -1...1, using: &rng)) }
}

/// The plain reference for the matrix-product kernels (llm.c's habit: every fast kernel beside a slow, obvious
/// one): C = op(A)·op(B) summed in Double, with Σ|a||b| per entry, which bounds the rounding error of any order of
/// Float sums: |c − ĉ| ≤ γ_k Σ|a||b| with γ_k ≈ k·2⁻²⁴ (Higham, Accuracy and Stability, §3.5).
struct ReferenceProduct {
    let values: [Double]
    let magnitudes: [Double]

    init(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, a: [Float], b: [Float], c0: [Float]? = nil) {
        var values = [Double](repeating: 0, count: m * n), magnitudes = values
        for i in 0..<m { for j in 0..<n {
            var s = Double(c0?[i * n + j] ?? 0), t = abs(s)
            for kk in 0..<k {
                let x = Double(transA ? a[kk * m + i] : a[i * k + kk]), y = Double(transB ? b[j * k + kk] : b[kk * n + j])
                s += x * y
                t += abs(x * y)
            }
            values[i * n + j] = s
            magnitudes[i * n + j] = t
        } }
        self.values = values
        self.magnitudes = magnitudes
    }

    /// The largest error of `c` in units of the worst-case bound k·2⁻²⁴·Σ|a||b| (≤ 1 for any correct Float sum;
    /// a kernel that drops or repeats one term is off by a whole product, thousands of units).
    func worstError(of c: [Float], k: Int) -> Double {
        let unit = Double(k + 1) * 0x1p-24
        return zip(c, zip(values, magnitudes)).map { abs(Double($0) - $1.0) / ($1.1 * unit + 1e-30) }.max() ?? 0
    }
}
