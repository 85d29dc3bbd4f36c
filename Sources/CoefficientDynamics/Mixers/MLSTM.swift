import Foundation
import Learning
import LinearAlgebra
import Numerics

/// xLSTM's mLSTM (Beck et al. 2024, eqs. 19–27), H heads of size d_h, without the stabiliser state (which
/// rescales numerator and denominator alike) and without the output gate (which acts after mixing):
///
///     C_t = f_t C_{t−1} + i_t v_t k_tᵀ,   n_t = f_t n_{t−1} + i_t k_t,   h̃_t = C_t q_t / max(|n_tᵀ q_t|, 1)
///
/// with k_t = W_k x_t/√d_h, an exponential input gate i_t = exp(x_t w_i + b_i) and a sigmoid forget gate
/// f_t = σ(x_t w_f + b_f) (one of each per head; b_f from 3 to 6 as in xLSTM). Coefficient form, per head:
///
///     A_i = f_i I (scalar),   b_j = i_j,   φ = linear,   η_i = max(|Σ_j α̃_ij|, 1).
///
/// The normaliser is principle 6 in its guarded form: Σ_j α̃_ij = n_iᵀ q_i can be near zero (φ is linear and
/// q·k has either sign), and dividing by max(|·|, 1) instead of the sum keeps the output bounded.
public struct MLSTM<Scalar: CoefficientScalar>: SequenceMixer {
    public var query: Projection<Scalar>, key: Projection<Scalar>, value: Projection<Scalar>
    public var inputGate: Projection<Scalar>, forgetGate: Projection<Scalar>
    public let heads: Int

    public init(width d: Int, heads: Int, rng: inout SeededRNG) {
        precondition(d % heads == 0, "MLSTM: width \(d) not divisible by \(heads) heads")
        query = Projection(d, d, rng: &rng)
        key = Projection(d, d, rng: &rng)
        value = Projection(d, d, rng: &rng)
        inputGate = Projection(d, heads, gain: 0.5, rng: &rng)
        var forget = Projection<Scalar>(d, heads, gain: 0.5, rng: &rng)
        forget.bias = (0..<heads).map { Scalar(3 + 3 * Double($0) / Double(max(heads - 1, 1))) }
        forgetGate = forget
        self.heads = heads
    }

    public var name: String { "mLSTM" }
    public var form: MixerForm { MixerForm(evolution: "f_i I (selective scalar)", impulse: "i_j = exp(ĩ_j)", readout: "linear", normaliser: "max(|Σ|, 1)") }
    public var inputWidth: Int { query.weight.rows }
    public var mixedWidth: Int { value.weight.cols }
    var headSize: Int { inputWidth / heads }

    func streams(_ x: Matrix<Scalar>) -> (q: Matrix<Scalar>, k: Matrix<Scalar>, v: Matrix<Scalar>, i: Matrix<Scalar>, f: Matrix<Scalar>) {
        let scale = 1 / Scalar(headSize).squareRoot()
        return (query(x), elementwise(key(x)) { $0 * scale }, value(x), elementwise(inputGate(x)) { Scalar.exp($0) },
                elementwise(forgetGate(x), sigmoid))
    }

    public func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        let (q, k, v, ig, fg) = streams(x), d = headSize
        var y = Matrix<Scalar>(rows: x.rows, cols: mixedWidth)
        for head in 0..<heads {
            let o = head * d
            var c = Matrix<Scalar>(rows: d, cols: d), n = [Scalar](repeating: 0, count: d)   // C is d_v × d_k
            for t in 0..<x.rows {
                let (f, i) = (fg[t, head], ig[t, head])
                for r in 0..<d { for s in 0..<d { c[r, s] = f * c[r, s] + i * v[t, o + r] * k[t, o + s] } }
                for s in 0..<d { n[s] = f * n[s] + i * k[t, o + s] }
                let nq = (0..<d).reduce(Scalar(0)) { $0 + n[$1] * q[t, o + $1] }
                let denominator = max(abs(nq), 1)
                for r in 0..<d { y[t, o + r] = (0..<d).reduce(Scalar(0)) { $0 + c[r, $1] * q[t, o + $1] } / denominator }
            }
        }
        return y
    }

    public func coefficientHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>] {
        let (q, k, v, ig, fg) = streams(x), d = headSize
        return (0..<heads).map { head in
            let system = CoefficientSystem(queries: headSlice(q, head: head, size: d), keys: headSlice(k, head: head, size: d),
                                           impulses: ig.column(head), evolution: fg.column(head).map { .scalar($0) },
                                           readout: .linear, normalisation: .sumAtLeastOne)
            return CoefficientHead(system: system, values: headSlice(v, head: head, size: d),
                                   outputColumns: Array((head * d)..<((head + 1) * d)))
        }
    }
}
