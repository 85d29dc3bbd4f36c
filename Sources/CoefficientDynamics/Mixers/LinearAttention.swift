import Learning
import LinearAlgebra
import Numerics

/// Linear attention (Katharopoulos et al. 2020, "Transformers are RNNs"), causal, with ψ(x) = elu(x) + 1:
///
///     S_i = S_{i−1} + ψ(k_i) v_iᵀ,   z_i = z_{i−1} + ψ(k_i),   y_i = ψ(q_i)ᵀ S_i / ψ(q_i)ᵀ z_i      (their eq. 18–20)
///
/// Coefficient form: the state is the feature vector ψ(k_j) and the query ψ(q_i); the readout is linear:
///
///     A_i = I,   b_j = 1,   φ = linear (on ψ(q)·ψ(k)),   η_i = Σ_j α̃_ij.
///
/// Same A and η as softmax attention; only φ changed, from exp to linear — and with it a fixed-size state S_i
/// replaces the growing KV cache (principle 1). ψ > 0 keeps η_i > 0 (principle 6).
public struct LinearAttention<Scalar: CoefficientScalar>: SequenceMixer {
    public var query: Projection<Scalar>, key: Projection<Scalar>, value: Projection<Scalar>
    public let heads: Int

    public init(width d: Int, heads: Int, rng: inout SeededRNG) {
        precondition(d % heads == 0, "LinearAttention: width \(d) not divisible by \(heads) heads")
        query = Projection(d, d, rng: &rng)
        key = Projection(d, d, rng: &rng)
        value = Projection(d, d, rng: &rng)
        self.heads = heads
    }

    public var name: String { "linear attention" }
    public var form: MixerForm { MixerForm(evolution: "I", impulse: "1", readout: "linear on ψ(q)·ψ(k)", normaliser: "Σ") }
    public var inputWidth: Int { query.weight.rows }
    public var mixedWidth: Int { value.weight.cols }
    var headSize: Int { inputWidth / heads }

    public func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        let q = elementwise(query(x), eluPlusOne), k = elementwise(key(x), eluPlusOne), v = value(x)
        let d = headSize
        var y = Matrix<Scalar>(rows: x.rows, cols: mixedWidth)
        for head in 0..<heads {
            let o = head * d
            var s = Matrix<Scalar>(rows: d, cols: d), z = [Scalar](repeating: 0, count: d)
            for i in 0..<x.rows {
                for r in 0..<d {
                    for c in 0..<d { s[r, c] += k[i, o + r] * v[i, o + c] }
                    z[r] += k[i, o + r]
                }
                var eta: Scalar = 0
                for r in 0..<d { eta += q[i, o + r] * z[r] }
                for c in 0..<d {
                    var dot: Scalar = 0
                    for r in 0..<d { dot += q[i, o + r] * s[r, c] }
                    y[i, o + c] = dot / eta
                }
            }
        }
        return y
    }

    public func coefficientHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>] {
        let q = elementwise(query(x), eluPlusOne), k = elementwise(key(x), eluPlusOne), v = value(x)
        let d = headSize
        return (0..<heads).map { head in
            let system = CoefficientSystem(queries: headSlice(q, head: head, size: d), keys: headSlice(k, head: head, size: d),
                                           impulse: 1, evolution: .identity, readout: .linear, normalisation: .sum)
            return CoefficientHead(system: system, values: headSlice(v, head: head, size: d),
                                   outputColumns: Array((head * d)..<((head + 1) * d)))
        }
    }
}
