import Foundation
import Learning
import LinearAlgebra
import Numerics

/// Griffin's Real-Gated Linear Recurrent Unit (De et al. 2024, RG-LRU), one scalar state per channel:
///
///     r_t = σ(x_t W_a + b_a),  i_t = σ(x_t W_x + b_x),  a_t = a^{c r_t}  (a = σ(Λ), c = 8)
///     h_t = a_t ⊙ h_{t−1} + √(1 − a_t²) ⊙ (i_t ⊙ x_t)
///
/// with Λ set so that a^c is uniform in [0.9, 0.999] at initialisation. Coefficient form, per channel (n = 1):
///
///     A_i = a_i (scalar, selective),   b_j = √(1 − a_j²) · i_j,   k = q = 1,   φ = linear,   η = 1,   v_j = x_j[c].
///
/// b_j is principle 5 again: √(1 − a²) keeps the stationary variance of h at O(1) however close a gets to 1 —
/// the LRU's γ, made input-dependent.
public struct RGLRU<Scalar: CoefficientScalar>: SequenceMixer {
    public var logA: [Scalar]        // log a = log σ(Λ) < 0, one per channel
    public var recurrenceGate: Projection<Scalar>, inputGate: Projection<Scalar>
    public let c: Scalar = 8

    public init(width d: Int, rng: inout SeededRNG) {
        logA = (0..<d).map { _ in Scalar(Foundation.log(rng.uniform(0.9, 0.999)) / 8) }   // a^c ∈ [0.9, 0.999]
        recurrenceGate = Projection(d, d, rng: &rng)
        inputGate = Projection(d, d, rng: &rng)
    }

    public var name: String { "RG-LRU (Griffin)" }
    public var form: MixerForm { MixerForm(evolution: "a_i = a^{c r_i} (selective scalar, per channel)", impulse: "√(1−a_j²)·i_j", readout: "linear", normaliser: "1") }
    public var inputWidth: Int { logA.count }
    public var mixedWidth: Int { logA.count }

    /// a_t (L × d) and the impulse √(1 − a_t²) ⊙ i_t (L × d).
    func streams(_ x: Matrix<Scalar>) -> (a: Matrix<Scalar>, b: Matrix<Scalar>) {
        let r = elementwise(recurrenceGate(x), sigmoid), i = elementwise(inputGate(x), sigmoid)
        var a = r, b = r
        for t in 0..<x.rows { for ch in 0..<inputWidth {
            a[t, ch] = Scalar.exp(c * r[t, ch] * logA[ch])
            b[t, ch] = Scalar.sqrt(1 - a[t, ch] * a[t, ch]) * i[t, ch]
        } }
        return (a, b)
    }

    public func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        let (a, b) = streams(x)
        var y = Matrix<Scalar>(rows: x.rows, cols: inputWidth)
        var h = [Scalar](repeating: 0, count: inputWidth)
        for t in 0..<x.rows { for ch in 0..<inputWidth {
            h[ch] = a[t, ch] * h[ch] + b[t, ch] * x[t, ch]
            y[t, ch] = h[ch]
        } }
        return y
    }

    public func coefficientHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>] {
        let (a, b) = streams(x)
        let ones = Matrix<Scalar>(rows: x.rows, cols: 1, repeating: 1)
        return (0..<inputWidth).map { ch in
            let system = CoefficientSystem(queries: ones, keys: ones, impulses: b.column(ch),
                                           evolution: a.column(ch).map { .scalar($0) }, readout: .linear, normalisation: .none)
            return CoefficientHead(system: system, values: x.selectingColumns([ch]), outputColumns: [ch])
        }
    }
}
