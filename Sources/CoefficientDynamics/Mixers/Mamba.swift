import Foundation
import Learning
import LinearAlgebra
import Numerics

/// Mamba-1's selective scan, S6 (Gu & Dao 2023, Algorithm 2), on D channels with N states each:
///
///     Δ_t = softplus(x_t W_Δ + b_Δ)   (D),   B_t = x_t W_B,  C_t = x_t W_C   (N, shared by all channels)
///     h_t[c] = exp(Δ_t[c] A[c]) ⊙ h_{t−1}[c] + Δ_t[c] B_t x_t[c],      y_t[c] = C_t · h_t[c]
///
/// with A[c] ∈ ℝᴺ negative (S4D-real: A[c, n] = −(n + 1)). (Mamba's skip D x_t and its gate sit outside the scan
/// and are left out.) Coefficient form, one system per channel c, whose values are the scalars x_j[c]:
///
///     A_i = diag(exp(Δ_i[c] A[c])),   b_j = Δ_j[c],   k_j = B_j,   q_i = C_i,   φ = linear,   η = 1.
///
/// *Selective*: A_i, b_j, k_j and q_i all depend on the input. A large Δ_i resets the state (A_i → 0) and lets
/// token i in strongly (b_i large); a small Δ_i ignores token i and keeps the past — a query-independent gate.
public struct Mamba<Scalar: CoefficientScalar>: SequenceMixer {
    public var a: Matrix<Scalar>          // D × N, negative
    public var inputB: Projection<Scalar>, inputC: Projection<Scalar>, step: Projection<Scalar>

    /// Δ's bias makes softplus(b_Δ) log-uniform in [dtMin, dtMax] per channel, as in Mamba's initialisation.
    public init(width d: Int, stateSize n: Int, dtMin: Double = 0.001, dtMax: Double = 0.1, rng: inout SeededRNG) {
        a = Matrix(rows: d, cols: n, data: (0..<(d * n)).map { Scalar(-Double($0 % n + 1)) })
        inputB = Projection(d, n, rng: &rng)
        inputC = Projection(d, n, rng: &rng)
        var dt = Projection<Scalar>(d, d, gain: 0.1, rng: &rng)
        dt.bias = (0..<d).map { _ in
            let delta = Foundation.exp(rng.uniform(Foundation.log(dtMin), Foundation.log(dtMax)))
            return Scalar(delta + Foundation.log(-Foundation.expm1(-delta)))   // softplus⁻¹(Δ)
        }
        step = dt
    }

    public var name: String { "Mamba-1 (S6)" }
    public var form: MixerForm { MixerForm(evolution: "diag(exp(Δ_i A)) (selective)", impulse: "Δ_j", readout: "linear", normaliser: "1") }
    public var inputWidth: Int { a.rows }
    public var mixedWidth: Int { a.rows }

    func streams(_ x: Matrix<Scalar>) -> (delta: Matrix<Scalar>, b: Matrix<Scalar>, c: Matrix<Scalar>) {
        (elementwise(step(x), softplus), inputB(x), inputC(x))
    }

    public func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        let (delta, b, c) = streams(x)
        let d = a.rows, n = a.cols
        var y = Matrix<Scalar>(rows: x.rows, cols: d)
        for channel in 0..<d {
            var h = [Scalar](repeating: 0, count: n)
            for t in 0..<x.rows {
                var out: Scalar = 0
                for s in 0..<n {
                    h[s] = Scalar.exp(delta[t, channel] * a[channel, s]) * h[s] + delta[t, channel] * b[t, s] * x[t, channel]
                    out += c[t, s] * h[s]
                }
                y[t, channel] = out
            }
        }
        return y
    }

    public func coefficientHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>] {
        let (delta, b, c) = streams(x)
        return (0..<a.rows).map { channel in
            let evolution = (0..<x.rows).map { i in
                Evolution<Scalar>.diagonal(a.row(channel).map { Scalar.exp(delta[i, channel] * $0) })
            }
            let system = CoefficientSystem(queries: c, keys: b, impulses: delta.column(channel), evolution: evolution,
                                           readout: .linear, normalisation: .none)
            return CoefficientHead(system: system, values: x.selectingColumns([channel]), outputColumns: [channel])
        }
    }
}
