import Foundation
import Learning
import LinearAlgebra
import Numerics

/// Mamba-2's SSD layer (Dao & Gu 2024) with H heads of P channels and N states, B and C shared by the heads:
///
///     a_t = exp(Δ_t A_h) (one scalar per head),   h_t = a_t h_{t−1} + Δ_t B_t x_tᵀ (N × P),   y_t = C_tᵀ h_t
///
/// The paper's point is that this recurrence equals a masked attention-like product, its "quadratic form"
///
///     Y = (L ∘ C Bᵀ) · diag(Δ) X,     L_ij = a_{j+1} a_{j+2} ⋯ a_i = exp(Σ_{k=j+1}^{i} Δ_k A_h)   (i ≥ j)
///
/// which is what `callAsFunction` computes (L is the 1-semiseparable mask built from segment sums). Coefficient form:
///
///     A_i = a_i I (scalar),   b_j = Δ_j,   k_j = B_j,   q_i = C_i,   φ = linear,   η = 1.
///
/// A scalar A only rescales a state, never turns it (principle 4), which is exactly why L factors out of C Bᵀ.
public struct Mamba2<Scalar: CoefficientScalar>: SequenceMixer {
    public var a: [Scalar]                // A_h < 0, one per head
    public var inputB: Projection<Scalar>, inputC: Projection<Scalar>, step: Projection<Scalar>
    public let heads: Int

    public init(width d: Int, heads: Int, stateSize n: Int, dtMin: Double = 0.001, dtMax: Double = 0.1,
                rng: inout SeededRNG) {
        precondition(d % heads == 0, "Mamba2: width \(d) not divisible by \(heads) heads")
        self.heads = heads
        a = (0..<heads).map { _ in Scalar(-rng.uniform(1, 16)) }     // Mamba-2 draws A uniformly in [1, 16]
        inputB = Projection(d, n, rng: &rng)
        inputC = Projection(d, n, rng: &rng)
        var dt = Projection<Scalar>(d, heads, gain: 0.1, rng: &rng)
        dt.bias = (0..<heads).map { _ in
            let delta = Foundation.exp(rng.uniform(Foundation.log(dtMin), Foundation.log(dtMax)))
            return Scalar(delta + Foundation.log(-Foundation.expm1(-delta)))
        }
        step = dt
    }

    public var name: String { "Mamba-2 (SSD)" }
    public var form: MixerForm { MixerForm(evolution: "a_i I, a_i = exp(Δ_i A) (selective scalar)", impulse: "Δ_j", readout: "linear", normaliser: "1") }
    public var inputWidth: Int { inputB.weight.rows }
    public var mixedWidth: Int { inputWidth }
    var headSize: Int { inputWidth / heads }

    func streams(_ x: Matrix<Scalar>) -> (delta: Matrix<Scalar>, b: Matrix<Scalar>, c: Matrix<Scalar>) {
        (elementwise(step(x), softplus), inputB(x), inputC(x))
    }

    public func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        let (delta, b, c) = streams(x)
        let l = x.rows, p = headSize
        let cbT = matmul(c, transposed: false, b, transposed: true)               // (C Bᵀ)_ij = C_i · B_j
        var y = Matrix<Scalar>(rows: l, cols: mixedWidth)
        for head in 0..<heads {
            // Segment sums: cumulative[i] = Σ_{k≤i} Δ_k A_h, so log L_ij = cumulative[i] − cumulative[j].
            var cumulative = [Scalar](), running: Scalar = 0
            for t in 0..<l { running += delta[t, head] * a[head]; cumulative.append(running) }
            for i in 0..<l {
                for j in 0...i {
                    let weight = Scalar.exp(cumulative[i] - cumulative[j]) * cbT[i, j] * delta[j, head]
                    for ch in 0..<p { y[i, head * p + ch] += weight * x[j, head * p + ch] }
                }
            }
        }
        return y
    }

    public func coefficientHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>] {
        let (delta, b, c) = streams(x)
        let p = headSize
        return (0..<heads).map { head in
            let evolution = (0..<x.rows).map { Evolution<Scalar>.scalar(Scalar.exp(delta[$0, head] * a[head])) }
            let system = CoefficientSystem(queries: c, keys: b, impulses: delta.column(head), evolution: evolution,
                                           readout: .linear, normalisation: .none)
            return CoefficientHead(system: system, values: headSlice(x, head: head, size: p),
                                   outputColumns: Array((head * p)..<((head + 1) * p)))
        }
    }
}
