import Foundation
import Learning
import LinearAlgebra
import Numerics

/// DeltaNet (Schlag et al. 2021; Yang et al. 2024) and Gated DeltaNet (Yang, Kautz & Hatamizadeh 2025), recurrent
/// form, H heads with d_k = d_v = d/H, L2-normalised q_t and k_t:
///
///     S_t = g_t S_{t−1} (I − β_t k_t k_tᵀ) + β_t v_t k_tᵀ      (S_t is d_v × d_k),    o_t = S_t q_t
///
/// β_t = σ(x_t W_β + b_β) ∈ (0, 1) is the writing strength (times 2 with `negativeEigenvalues`, which lets
/// 1 − β_t reach (−1, 1), Grazzi et al. 2025), g_t = σ(x_t W_g + b_g) the decay gate (g_t = 1 for plain DeltaNet).
/// The delta rule *replaces* what S stored under key k_t instead of adding to it. Coefficient form, per head:
///
///     A_i = g_i (I − β_i k_i k_iᵀ) (generalised Householder),   b_j = β_j,   φ = linear,   η = 1.
///
/// A depends on the *current key*: writing k_i erases the component of every older state along k_i (with
/// β = 1 exactly). Eigenvalues: g_i (n − 1 times) and g_i(1 − β_i) (principle 4).
public struct DeltaNet<Scalar: CoefficientScalar>: SequenceMixer {
    public var query: Projection<Scalar>, key: Projection<Scalar>, value: Projection<Scalar>
    public var beta: Projection<Scalar>, gate: Projection<Scalar>?
    public let heads: Int
    public let negativeEigenvalues: Bool

    /// `gated` adds Gated DeltaNet's decay gate (its bias 3 starts g_t near σ(3) ≈ 0.95).
    public init(width d: Int, heads: Int, gated: Bool, negativeEigenvalues: Bool = false, rng: inout SeededRNG) {
        precondition(d % heads == 0, "DeltaNet: width \(d) not divisible by \(heads) heads")
        query = Projection(d, d, rng: &rng)
        key = Projection(d, d, rng: &rng)
        value = Projection(d, d, rng: &rng)
        beta = Projection(d, heads, rng: &rng)
        gate = gated ? Projection(d, heads, bias: 3, rng: &rng) : nil
        self.heads = heads
        self.negativeEigenvalues = negativeEigenvalues
    }

    public var name: String { gate == nil ? "DeltaNet" : "Gated DeltaNet" }
    public var form: MixerForm {
        MixerForm(evolution: gate == nil ? "I − β_i k_i k_iᵀ (Householder)" : "g_i(I − β_i k_i k_iᵀ) (gated Householder)",
                  impulse: "β_j", readout: "linear", normaliser: "1")
    }
    public var inputWidth: Int { query.weight.rows }
    public var mixedWidth: Int { value.weight.cols }
    var headSize: Int { inputWidth / heads }

    /// Per head and token: unit q, unit k, v, β, g.
    func streams(_ x: Matrix<Scalar>, head: Int) -> (q: Matrix<Scalar>, k: Matrix<Scalar>, v: Matrix<Scalar>, beta: [Scalar], g: [Scalar]) {
        let d = headSize
        let b = beta(x).column(head).map { (negativeEigenvalues ? 2 : 1) * sigmoid($0) }
        let g = gate.map { $0(x).column(head).map { sigmoid($0) } } ?? Array(repeating: 1, count: x.rows)
        return (unitRows(headSlice(query(x), head: head, size: d)), unitRows(headSlice(key(x), head: head, size: d)),
                headSlice(value(x), head: head, size: d), b, g)
    }

    public func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        let d = headSize
        var y = Matrix<Scalar>(rows: x.rows, cols: mixedWidth)
        for head in 0..<heads {
            let (q, k, v, b, g) = streams(x, head: head)
            var s = Matrix<Scalar>(rows: d, cols: d)          // d_v × d_k
            for t in 0..<x.rows {
                // S ← g S (I − β k kᵀ) + β v kᵀ, using S (I − β k kᵀ) = S − β (S k) kᵀ.
                let sk = (0..<d).map { r in (0..<d).reduce(Scalar(0)) { $0 + s[r, $1] * k[t, $1] } }
                for r in 0..<d { for c in 0..<d {
                    s[r, c] = g[t] * (s[r, c] - b[t] * sk[r] * k[t, c]) + b[t] * v[t, r] * k[t, c]
                } }
                for r in 0..<d { y[t, head * d + r] = (0..<d).reduce(Scalar(0)) { $0 + s[r, $1] * q[t, $1] } }
            }
        }
        return y
    }

    public func coefficientHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>] {
        let d = headSize
        return (0..<heads).map { head in
            let (q, k, v, b, g) = streams(x, head: head)
            let evolution = (0..<x.rows).map { Evolution<Scalar>.householder(gate: g[$0], beta: b[$0], key: Array(k.row($0))) }
            let system = CoefficientSystem(queries: q, keys: k, impulses: b, evolution: evolution,
                                           readout: .linear, normalisation: .none)
            return CoefficientHead(system: system, values: v, outputColumns: Array((head * d)..<((head + 1) * d)))
        }
    }
}
