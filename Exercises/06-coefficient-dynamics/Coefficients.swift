//: ## Exercise 6.1 · Materialise α from a coefficient system (3 points)
//:
//: The whole chapter rests on one recipe. Token j starts a linear system with an impulse and leaves it to run:
//:
//:     h_jj = b_j k_j,     h_ij = A_i h_{i−1,j}   (i > j),     so   h_ij = A_i A_{i−1} ⋯ A_{j+1} b_j k_j,
//:
//:     α̃_ij = φ(q_iᵀ h_ij),     η_i = Σ_{j≤i} α̃_ij  (or η_i = 1),     α_ij = α̃_ij / η_i   (j ≤ i),   α_ij = 0   (j > i).
//:
//: Compute the L × L matrix α. The arguments: `queries` and `keys` hold L rows of n numbers (q_i, k_j), `impulses`
//: the L scalars b_j, `evolution` the L matrices A_i (n × n, row-major: `evolution[i][r][c]` is row r, column c of
//: A_i; A_0 is never applied, since no token is older than token 0), φ is `readout` (z, or exp z), and
//: `normalised` chooses η = Σ (true) or η = 1 (false). With φ = exp and η = Σ this is softmax attention with A = I:
//: subtract each row's largest score before exponentiating, as in exercise 4.1.
//:
//: Propagate each token's state forward instead of multiplying the A's anew for every (i, j): L² matrix–vector
//: products, not L³. Throw `ExerciseError.invalidInput` when the shapes disagree (queries and keys not both L × n,
//: not L impulses, not L matrices of n × n). (`CoefficientSystem.coefficients()` in
//: `Sources/CoefficientDynamics/CoefficientSystem.swift` is the library's version, off limits.)

import Foundation

extension Ch06 {
    /// φ, the readout that turns a score q_iᵀ h_ij into a coefficient.
    public enum Readout: Sendable {
        /// φ(z) = z: state-space models, linear attention.
        case linear
        /// φ(z) = exp z: softmax attention (with η = Σ).
        case exponential
    }

    /// The coefficient matrix α (L × L, zero above the diagonal) of the system (A_i, b_j, φ, η) with queries and keys.
    public static func coefficients(queries: [[Double]], keys: [[Double]], impulses: [Double], evolution: [[[Double]]],
                                    readout: Readout, normalised: Bool) throws -> [[Double]] {
        // BEGIN SOLUTION
        let l = keys.count, n = keys.first?.count ?? 0
        guard queries.count == l, impulses.count == l, evolution.count == l,
              queries.allSatisfy({ $0.count == n }), keys.allSatisfy({ $0.count == n }),
              evolution.allSatisfy({ a in a.count == n && a.allSatisfy { $0.count == n } }) else {
            throw ExerciseError.invalidInput("need L × n queries and keys, L impulses and L matrices of n × n")
        }
        var scores = [[Double]](repeating: [Double](repeating: 0, count: l), count: l)
        for j in 0..<l {
            var h = keys[j].map { impulses[j] * $0 }
            for i in j..<l {
                if i > j { h = evolution[i].map { row in zip(row, h).reduce(0) { $0 + $1.0 * $1.1 } } }
                scores[i][j] = zip(queries[i], h).reduce(0) { $0 + $1.0 * $1.1 }
            }
        }
        return scores.indices.map { i in
            let visible = Array(scores[i][0...i])
            let shift = readout == .exponential && normalised ? visible.max()! : 0   // cancels in α̃/η
            let raw = visible.map { readout == .linear ? $0 : Foundation.exp($0 - shift) }
            let eta = normalised ? raw.reduce(0, +) : 1
            return raw.map { $0 / eta } + [Double](repeating: 0, count: l - i - 1)
        }
        // END SOLUTION
    }
}
