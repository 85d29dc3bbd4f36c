import LinearAlgebra
import Numerics

// Principle 1: a linear readout is what allows a fixed-size recurrent state.
//
// If φ is linear, q_i can be taken out of the sum over past tokens:
//
//     Σ_j α̃_ij v_jᵀ = Σ_j (q_iᵀ h_ij) v_jᵀ = q_iᵀ S_i,      S_i = Σ_{j≤i} h_ij v_jᵀ = A_i S_{i−1} + b_i k_i v_iᵀ
//     η_i = q_iᵀ z_i  (if η = Σ),                          z_i = Σ_{j≤i} h_ij    = A_i z_{i−1} + b_i k_i
//
// so one n × d_v matrix (and one n-vector) carries everything the past will ever contribute: O(n·d_v) memory
// and O(L) time, whatever L. This is the recurrence of every linear RNN/SSM, linear attention, DeltaNet, …
//
// If φ is not linear (exp, ReLU), φ(q_iᵀ h_ij) cannot be summed before q_i is known: the model must keep every
// h_ij and every v_j — a cache that grows by one token per step. With A = I, h_ij = b_j k_j never changes and
// the cache is exactly a transformer's KV cache; with A ≠ I every cached state must also be moved by A_i.

/// The outputs of a token-by-token run and how many scalars of state it held after each step.
public struct RecurrentRun<Scalar: CoefficientScalar>: Sendable {
    public var outputs: Matrix<Scalar>
    public var stateScalars: [Int]
}

/// Why a fixed-size recurrent form does not exist.
public struct RecurrenceError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension CoefficientSystem {
    /// The recurrent form with a fixed-size state S_i (n × d_v) and z_i (n): only for a linear φ.
    public func recurrent(_ values: Matrix<Scalar>) throws -> RecurrentRun<Scalar> {
        guard readout.isLinear else {
            throw RecurrenceError(description: "φ = \(readout) is not linear: q_i cannot leave the sum, so no fixed-size state exists (use the cached form)")
        }
        precondition(values.rows == length, "recurrent: \(values.rows) values for \(length) tokens")
        let n = stateSize, dv = values.cols
        var s = [Scalar](repeating: 0, count: dv * n)   // column c of S (n scalars) at s[c·n ..< (c+1)·n]
        var z = [Scalar](repeating: 0, count: n)
        var y = Matrix<Scalar>(rows: length, cols: dv)
        let stateScalars = n * dv + (normalisation == .none ? 0 : n)
        s.withUnsafeMutableBufferPointer { ps in z.withUnsafeMutableBufferPointer { pz in
            for i in 0..<length {
                for c in 0..<dv { evolution[i].apply(ps.baseAddress! + c * n, count: n) }
                evolution[i].apply(pz.baseAddress!, count: n)
                for r in 0..<n {
                    let impulse = impulses[i] * keys[i, r]
                    for c in 0..<dv { ps[c * n + r] += impulse * values[i, c] }
                    pz[r] += impulse
                }
                var eta: Scalar = 0
                for r in 0..<n { eta += queries[i, r] * pz[r] }
                eta = normalisation(rowSum: eta)
                for c in 0..<dv {
                    var dot: Scalar = 0
                    for r in 0..<n { dot += queries[i, r] * ps[c * n + r] }
                    y[i, c] = dot / eta
                }
            }
        } }
        return RecurrentRun(outputs: y, stateScalars: Array(repeating: stateScalars, count: length))
    }

    /// The cached form, for any φ: keep every past token's state h_ij (moved by A_i each step) and its value.
    public func cached(_ values: Matrix<Scalar>) -> RecurrentRun<Scalar> {
        precondition(values.rows == length, "cached: \(values.rows) values for \(length) tokens")
        let n = stateSize, dv = values.cols
        var cache = [Scalar]()                 // h_ij for j = 0…i, n scalars each
        cache.reserveCapacity(length * n)
        var y = Matrix<Scalar>(rows: length, cols: dv)
        var sizes = [Int]()
        var scores = [Scalar](repeating: 0, count: length)
        for i in 0..<length {
            cache.withUnsafeMutableBufferPointer { p in
                for j in 0..<i { evolution[i].apply(p.baseAddress! + j * n, count: n) }
            }
            for r in 0..<n { cache.append(impulses[i] * keys[i, r]) }
            for j in 0...i {
                var dot: Scalar = 0
                for r in 0..<n { dot += queries[i, r] * cache[j * n + r] }
                scores[j] = dot
            }
            // Softmax rows are shifted by their largest score (as in `coefficients()`): same α, no overflow.
            let shift: Scalar = readout == .exponential && normalisation == .sum ? scores[0...i].max()! : 0
            var sum: Scalar = 0
            for j in 0...i { scores[j] = readout(scores[j] - shift); sum += scores[j] }
            let eta = normalisation(rowSum: sum)
            for c in 0..<dv {
                var acc: Scalar = 0
                for j in 0...i { acc += scores[j] * values[j, c] }
                y[i, c] = acc / eta
            }
            sizes.append((i + 1) * (n + dv))
        }
        return RecurrentRun(outputs: y, stateScalars: sizes)
    }
}
