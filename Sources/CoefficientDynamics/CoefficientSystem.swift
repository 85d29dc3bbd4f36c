import LinearAlgebra
import Numerics

/// One head of a sequence mixer in coefficient form (paper 001): for every token j an autonomous linear system
///
///     h_jj = b_j k_j,    h_ij = A_i h_{i−1,j}  (i > j),    α̃_ij = φ(q_iᵀ h_ij),    α_ij = α̃_ij / η_i
///
/// and the head's output is y_i = Σ_{j≤i} α_ij v_j. Token j's system is started by one impulse and then runs on
/// its own: whatever the model does to old tokens over time, it does through A_i, the same for every token.
/// α_ij is therefore a readout of the *impulse response* of that system, which is why the L × L matrix α of any
/// mixer (attention's weights, an SSM's convolution kernel) is an impulse response.
///
/// Shapes: L tokens, state size n. `queries` and `keys` are L × n (row i is q_i, row j is k_j), `impulses` holds
/// the L scalars b_j, `evolution` the L matrices A_i (A_0 is never applied: nothing is older than token 0).
public struct CoefficientSystem<Scalar: CoefficientScalar>: Sendable {
    public var queries: Matrix<Scalar>
    public var keys: Matrix<Scalar>
    public var impulses: [Scalar]
    public var evolution: [Evolution<Scalar>]
    public var readout: Readout
    public var normalisation: Normalisation

    public init(queries: Matrix<Scalar>, keys: Matrix<Scalar>, impulses: [Scalar], evolution: [Evolution<Scalar>],
                readout: Readout, normalisation: Normalisation) {
        precondition(queries.rows == keys.rows && queries.cols == keys.cols,
                     "CoefficientSystem: queries \(queries.rows)×\(queries.cols), keys \(keys.rows)×\(keys.cols)")
        precondition(impulses.count == keys.rows && evolution.count == keys.rows,
                     "CoefficientSystem: \(impulses.count) impulses and \(evolution.count) evolutions for \(keys.rows) tokens")
        self.queries = queries
        self.keys = keys
        self.impulses = impulses
        self.evolution = evolution
        self.readout = readout
        self.normalisation = normalisation
    }

    /// A time-invariant system: the same A at every step and the same b for every token.
    public init(queries: Matrix<Scalar>, keys: Matrix<Scalar>, impulse: Scalar, evolution: Evolution<Scalar>,
                readout: Readout, normalisation: Normalisation) {
        self.init(queries: queries, keys: keys, impulses: Array(repeating: impulse, count: keys.rows),
                  evolution: Array(repeating: evolution, count: keys.rows), readout: readout, normalisation: normalisation)
    }

    /// L, the number of tokens.
    public var length: Int { keys.rows }
    /// n, the size of each token's coefficient state.
    public var stateSize: Int { keys.cols }

    /// Runs `body(i, h_ij)` for i = j, j+1, …, L−1: token j's impulse response, one state at a time.
    func propagate(from j: Int, _ body: (Int, UnsafeMutablePointer<Scalar>) -> Void) {
        let n = stateSize
        var h = (0..<n).map { impulses[j] * keys[j, $0] }
        h.withUnsafeMutableBufferPointer { p in
            for i in j..<length {
                if i > j { evolution[i].apply(p.baseAddress!, count: n) }
                body(i, p.baseAddress!)
            }
        }
    }

    /// The states h_ij of token j's system, i = j..<L, as the rows of an (L − j) × n matrix.
    public func impulseResponse(from j: Int) -> Matrix<Scalar> {
        var rows = [Scalar]()
        rows.reserveCapacity((length - j) * stateSize)
        propagate(from: j) { _, h in rows.append(contentsOf: UnsafeBufferPointer(start: h, count: stateSize)) }
        return Matrix(rows: length - j, cols: stateSize, data: rows)
    }

    /// The scores q_iᵀ h_ij as an L × L matrix, zero above the diagonal. O(L²) applications of A.
    public func scores() -> Matrix<Scalar> {
        let n = stateSize, l = length
        var m = [Scalar](repeating: 0, count: l * l)
        queries.data.withUnsafeBufferPointer { q in
            for j in 0..<l {
                propagate(from: j) { i, h in
                    var dot: Scalar = 0
                    for c in 0..<n { dot += q[i * n + c] * h[c] }
                    m[i * l + j] = dot
                }
            }
        }
        return Matrix(rows: l, cols: l, data: m)
    }

    /// The coefficients of token j before normalisation, α̃_ij = φ(q_iᵀ h_ij) for i = j..<L: one column of α̃,
    /// computed from token j's impulse response alone (O(L) steps instead of O(L²)).
    public func rawColumn(_ j: Int) -> [Scalar] {
        var column = [Scalar]()
        propagate(from: j) { i, h in
            var dot: Scalar = 0
            for c in 0..<stateSize { dot += queries[i, c] * h[c] }
            column.append(readout(dot))
        }
        return column
    }

    /// α̃ = φ(scores) on and below the diagonal, zero above it.
    public func rawCoefficients() -> Matrix<Scalar> {
        var m = scores()
        for i in 0..<length { for j in 0...i { m[i, j] = readout(m[i, j]) } }
        return m
    }

    /// The normalisers η_i.
    public func normalisers() -> [Scalar] {
        let raw = rawCoefficients()
        return (0..<length).map { i in normalisation(rowSum: raw.row(i).prefix(i + 1).reduce(0, +)) }
    }

    /// α = α̃ / η, the L × L coefficient matrix, zero above the diagonal.
    ///
    /// For φ = exp with η = Σ (softmax) each row is shifted by its largest score first, which changes nothing
    /// mathematically and keeps exp from overflowing.
    public func coefficients() -> Matrix<Scalar> {
        if readout == .exponential && normalisation == .sum {
            var m = scores()
            for i in 0..<length {
                let top = m.row(i).prefix(i + 1).max()!
                var sum: Scalar = 0
                for j in 0...i { m[i, j] = Scalar.exp(m[i, j] - top); sum += m[i, j] }
                for j in 0...i { m[i, j] /= sum }
            }
            return m
        }
        var m = rawCoefficients()
        for i in 0..<length {
            let eta = normalisation(rowSum: m.row(i).prefix(i + 1).reduce(0, +))
            for j in 0...i { m[i, j] /= eta }
        }
        return m
    }

    /// y = α V for values V (L × d_v): the head's output, materialised.
    public func callAsFunction(_ values: Matrix<Scalar>) -> Matrix<Scalar> {
        precondition(values.rows == length, "CoefficientSystem: \(values.rows) values for \(length) tokens")
        return matmul(coefficients(), values)
    }
}
