import Foundation
import Learning
import LinearAlgebra
import Numerics

/// RetNet's retention (Sun et al. 2023) in its parallel form (their eq. 5), H heads of size d_h:
///
///     Q̃ = rot(X W_Q, nθ),  K̃ = rot(X W_K, nθ)/√d_h,   Retention(X) = (Q̃ K̃ᵀ ⊙ D) X W_V,   D_nm = γ^{n−m} (n ≥ m)
///
/// with the xPos/RoPE rotation of pair m by nθ_m (θ_m = 10000^{−2m/d_h}) and a decay γ_h = 1 − 2^{−5−h} per head.
/// (RetNet's GroupNorm and gate act after retention and are left out.) Coefficient form, per head:
///
///     A = γ R(−θ) (complex diagonal: rotate back and decay),   b_j = 1/√d_h,   φ = linear,   η = 1.
///
/// It is softmax + RoPE with exp replaced by the identity and the rotation given |λ| = γ < 1: position from A
/// (principle 3), a fixed-size state (principle 1), and no normaliser — the decay keeps Σ_j |α_ij| bounded.
public struct RetNet<Scalar: CoefficientScalar>: SequenceMixer {
    public var query: Projection<Scalar>, key: Projection<Scalar>, value: Projection<Scalar>
    public let heads: Int

    public init(width d: Int, heads: Int, rng: inout SeededRNG) {
        precondition(d % heads == 0 && (d / heads) % 2 == 0, "RetNet: width \(d) must split into \(heads) heads of even size")
        query = Projection(d, d, rng: &rng)
        key = Projection(d, d, rng: &rng)
        value = Projection(d, d, rng: &rng)
        self.heads = heads
    }

    public var name: String { "RetNet" }
    public var form: MixerForm { MixerForm(evolution: "γ R(−θ) (decaying rotation)", impulse: "1/√d_h", readout: "linear", normaliser: "1") }
    public var inputWidth: Int { query.weight.rows }
    public var mixedWidth: Int { value.weight.cols }
    var headSize: Int { inputWidth / heads }

    /// γ_h = 1 − 2^{−5−h}.
    public func decay(_ head: Int) -> Double { 1 - Foundation.pow(2, -5 - Double(head)) }

    /// Rotates pair m of every head of row n by nθ_m (RoPE's angles).
    func rotated(_ m: Matrix<Scalar>) -> Matrix<Scalar> {
        var out = m
        let d = headSize
        for n in 0..<m.rows { for head in 0..<heads { for pair in 0..<(d / 2) {
            let angle = Double(n) * Foundation.pow(10_000, -Double(2 * pair) / Double(d))
            let (cs, sn) = (Scalar(Foundation.cos(angle)), Scalar(Foundation.sin(angle)))
            let c0 = head * d + 2 * pair, x0 = m[n, c0], x1 = m[n, c0 + 1]
            out[n, c0] = x0 * cs - x1 * sn
            out[n, c0 + 1] = x0 * sn + x1 * cs
        } } }
        return out
    }

    public func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        let q = rotated(query(x)), k = rotated(key(x)), v = value(x), d = headSize, l = x.rows
        let scale = 1 / Scalar(d).squareRoot()
        var y = Matrix<Scalar>(rows: l, cols: mixedWidth)
        for head in 0..<heads {
            let o = head * d, gamma = decay(head)
            for n in 0..<l {
                for m in 0...n {
                    var dot: Scalar = 0
                    for c in 0..<d { dot += q[n, o + c] * k[m, o + c] }
                    let weight = dot * scale * Scalar(Foundation.pow(gamma, Double(n - m)))
                    for c in 0..<d { y[n, o + c] += weight * v[m, o + c] }
                }
            }
        }
        return y
    }

    public func coefficientHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>] {
        let q = query(x), k = key(x), v = value(x), d = headSize
        return (0..<heads).map { head in
            let system = CoefficientSystem(queries: headSlice(q, head: head, size: d), keys: headSlice(k, head: head, size: d),
                                           impulse: 1 / Scalar(d).squareRoot(),
                                           evolution: .rotary(headSize: d, decay: decay(head)),
                                           readout: .linear, normalisation: .none)
            return CoefficientHead(system: system, values: headSlice(v, head: head, size: d),
                                   outputColumns: Array((head * d)..<((head + 1) * d)))
        }
    }
}
