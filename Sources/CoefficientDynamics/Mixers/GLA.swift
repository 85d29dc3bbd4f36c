import Foundation
import Learning
import LinearAlgebra
import Numerics

/// Gated linear attention (Yang et al. 2024, "GLA"), recurrent form, H heads with d_k = d_v = d/H:
///
///     α_t = σ(x_t W_α + b_α)^{1/τ}  (τ = 16),    S_t = diag(α_t) S_{t−1} + k_tᵀ v_t / √d_k,    o_t = q_t S_t
///
/// (the 1/√d_k is the scale of GLA's implementation; its output norm and gate come after and are left out).
/// Coefficient form, per head:
///
///     A_i = diag(α_i) (data-dependent diagonal),   b_j = 1/√d_k,   φ = linear,   η = 1.
///
/// Diagonal rather than scalar: each key coordinate forgets at its own, input-chosen rate, so a state's
/// *direction* changes as it ages (principle 4) — more than Mamba-2's scalar gate can do.
public struct GLA<Scalar: CoefficientScalar>: SequenceMixer {
    public var query: Projection<Scalar>, key: Projection<Scalar>, value: Projection<Scalar>, gate: Projection<Scalar>
    public let heads: Int
    /// τ, the temperature that keeps α_t close to 1 (GLA: 16).
    public let temperature: Double = 16

    public init(width d: Int, heads: Int, rng: inout SeededRNG) {
        precondition(d % heads == 0, "GLA: width \(d) not divisible by \(heads) heads")
        query = Projection(d, d, rng: &rng)
        key = Projection(d, d, rng: &rng)
        value = Projection(d, d, rng: &rng)
        gate = Projection(d, d, rng: &rng)
        self.heads = heads
    }

    public var name: String { "GLA" }
    public var form: MixerForm { MixerForm(evolution: "diag(α_i) (selective diagonal)", impulse: "1/√d_k", readout: "linear", normaliser: "1") }
    public var inputWidth: Int { query.weight.rows }
    public var mixedWidth: Int { value.weight.cols }
    var headSize: Int { inputWidth / heads }

    func gates(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        elementwise(gate(x)) { Scalar.exp(Scalar.log(sigmoid($0)) / Scalar(temperature)) }
    }

    public func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        let q = query(x), k = key(x), v = value(x), g = gates(x), d = headSize
        let scale = 1 / Scalar(d).squareRoot()
        var y = Matrix<Scalar>(rows: x.rows, cols: mixedWidth)
        for head in 0..<heads {
            let o = head * d
            var s = Matrix<Scalar>(rows: d, cols: d)          // d_k × d_v
            for t in 0..<x.rows {
                for r in 0..<d { for c in 0..<d { s[r, c] = g[t, o + r] * s[r, c] + k[t, o + r] * scale * v[t, o + c] } }
                for c in 0..<d {
                    var dot: Scalar = 0
                    for r in 0..<d { dot += q[t, o + r] * s[r, c] }
                    y[t, o + c] = dot
                }
            }
        }
        return y
    }

    public func coefficientHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>] {
        let q = query(x), k = key(x), v = value(x), g = gates(x), d = headSize
        return (0..<heads).map { head in
            let gh = headSlice(g, head: head, size: d)
            let system = CoefficientSystem(queries: headSlice(q, head: head, size: d), keys: headSlice(k, head: head, size: d),
                                           impulses: Array(repeating: 1 / Scalar(d).squareRoot(), count: x.rows),
                                           evolution: (0..<x.rows).map { .diagonal(Array(gh.row($0))) },
                                           readout: .linear, normalisation: .none)
            return CoefficientHead(system: system, values: headSlice(v, head: head, size: d),
                                   outputColumns: Array((head * d)..<((head + 1) * d)))
        }
    }
}
