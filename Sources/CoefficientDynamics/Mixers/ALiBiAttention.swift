import Foundation
import Learning
import LinearAlgebra
import Numerics

/// Softmax attention with ALiBi (Press et al. 2022): no positions in the input, a penalty linear in the lag,
///
///     α_ij = softmax_j( q_i·k_j/√d_h − m (i − j) ),     head h has slope m_h = 2^{−8(h+1)/H}.
///
/// In coefficient form the lag is *counted* by the state. Give token j's system two extra coordinates, a counter
/// c and a constant 1, and let A add −m to the counter every step:
///
///     h_jj = b_j [k_j; 0; √d_h]   (b_j = 1/√d_h, so the last coordinate is 1)
///     A = [[I, 0, 0], [0, 1, −m], [0, 0, 1]]           h_ij = [k_j/√d_h; −m(i − j); 1]
///     q̂_i = [q_i; 1; 0]                                 q̂_iᵀ h_ij = q_i·k_j/√d_h − m(i − j)
///     φ = exp,  η = Σ.
///
/// A is a Jordan block: all its eigenvalues are 1 (marginally stable), yet it is not the identity — it grows the
/// counter linearly, which is exactly what a linear lag penalty needs.
public struct ALiBiAttention<Scalar: CoefficientScalar>: SequenceMixer {
    public var query: Projection<Scalar>, key: Projection<Scalar>, value: Projection<Scalar>
    public let heads: Int

    public init(width d: Int, heads: Int, rng: inout SeededRNG) {
        precondition(d % heads == 0, "ALiBiAttention: width \(d) not divisible by \(heads) heads")
        query = Projection(d, d, rng: &rng)
        key = Projection(d, d, rng: &rng)
        value = Projection(d, d, rng: &rng)
        self.heads = heads
    }

    public var name: String { "softmax + ALiBi" }
    public var form: MixerForm { MixerForm(evolution: "Jordan block (lag counter)", impulse: "1/√d_h", readout: "exp", normaliser: "Σ") }
    public var inputWidth: Int { query.weight.rows }
    public var mixedWidth: Int { value.weight.cols }
    var headSize: Int { inputWidth / heads }

    /// The slope of head h: 2^{−8(h+1)/H}, the geometric sequence of the ALiBi paper.
    public func slope(_ head: Int) -> Double { Foundation.pow(2, -8 * Double(head + 1) / Double(heads)) }

    public func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        let q = query(x), k = key(x), v = value(x), d = headSize, l = x.rows
        var y = Matrix<Scalar>(rows: l, cols: mixedWidth)
        let scale = 1 / Scalar(d).squareRoot()
        for head in 0..<heads {
            let m = Scalar(slope(head)), offset = head * d
            for i in 0..<l {
                var s = (0...i).map { j -> Scalar in
                    var dot: Scalar = 0
                    for c in 0..<d { dot += q[i, offset + c] * k[j, offset + c] }
                    return dot * scale - m * Scalar(i - j)
                }
                let top = s.max()!
                s = s.map { Scalar.exp($0 - top) }
                let sum = s.reduce(0, +)
                for c in 0..<d {
                    var acc: Scalar = 0
                    for j in 0...i { acc += s[j] * v[j, offset + c] }
                    y[i, offset + c] = acc / sum
                }
            }
        }
        return y
    }

    public func coefficientHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>] {
        let q = query(x), k = key(x), v = value(x), d = headSize, l = x.rows
        let root = Scalar(d).squareRoot()
        return (0..<heads).map { head in
            var a = Matrix<Scalar>.identity(d + 2)
            a[d, d + 1] = -Scalar(slope(head))
            let qh = headSlice(q, head: head, size: d), kh = headSlice(k, head: head, size: d)
            let queries = Matrix(rowArrays: (0..<l).map { Array(qh.row($0)) + [1, 0] })
            let keys = Matrix(rowArrays: (0..<l).map { Array(kh.row($0)) + [0, root] })
            let system = CoefficientSystem(queries: queries, keys: keys, impulse: 1 / root, evolution: .dense(a),
                                           readout: .exponential, normalisation: .sum)
            return CoefficientHead(system: system, values: headSlice(v, head: head, size: d),
                                   outputColumns: Array((head * d)..<((head + 1) * d)))
        }
    }
}
