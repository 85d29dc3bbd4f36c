//: ## Exercise 6.3 · The fixed-size state of a linear readout (3 points)
//:
//: Section 3 (principle 1): when φ is linear, q_i can leave the sum over the past,
//:
//:     Σ_{j≤i} (q_iᵀ h_ij) v_jᵀ = q_iᵀ S_i,     S_i = Σ_{j≤i} h_ij v_jᵀ = A_i S_{i−1} + b_i k_i v_iᵀ,
//:     Σ_{j≤i}  q_iᵀ h_ij        = q_iᵀ z_i,     z_i = A_i z_{i−1} + b_i k_i,
//:
//: (S_{−1} = 0, z_{−1} = 0), so the output y_i = Σ_j α_ij v_j is q_iᵀ S_i / η_i with η_i = q_iᵀ z_i (η = Σ) or 1.
//: One n × d_v matrix and one n-vector carry everything the past will ever contribute: the recurrence of every
//: linear RNN, SSM and linear attention, at a cost per token that does not grow with i.
//:
//: Run it token by token. The arguments are those of exercise 6.1 (φ is linear here) plus the values: L rows of
//: d_v numbers v_j. Return the L outputs y_i (rows of d_v numbers). Do not build α, and keep no list of past
//: tokens: only S and z. Throw `ExerciseError.invalidInput` when the shapes disagree (as in 6.1, and `values` must
//: have L rows of equal length). (`CoefficientSystem.recurrent(_:)` is the library's version, off limits.)

extension Ch06 {
    /// y_i = q_iᵀ S_i / η_i from the recurrence S_i = A_i S_{i−1} + b_i k_i v_iᵀ (and z_i for η = Σ), φ linear.
    public static func recurrentOutputs(queries: [[Double]], keys: [[Double]], impulses: [Double], evolution: [[[Double]]],
                                        values: [[Double]], normalised: Bool) throws -> [[Double]] {
        // BEGIN SOLUTION
        let l = keys.count, n = keys.first?.count ?? 0, dv = values.first?.count ?? 0
        guard queries.count == l, impulses.count == l, evolution.count == l, values.count == l,
              queries.allSatisfy({ $0.count == n }), keys.allSatisfy({ $0.count == n }), values.allSatisfy({ $0.count == dv }),
              evolution.allSatisfy({ a in a.count == n && a.allSatisfy { $0.count == n } }) else {
            throw ExerciseError.invalidInput("need L × n queries and keys, L impulses, L matrices of n × n and L values")
        }
        func apply(_ a: [[Double]], _ h: [Double]) -> [Double] { a.map { row in zip(row, h).reduce(0) { $0 + $1.0 * $1.1 } } }
        var s = [[Double]](repeating: [Double](repeating: 0, count: n), count: dv)   // column c of S, one n-vector per value channel
        var z = [Double](repeating: 0, count: n)
        var outputs = [[Double]]()
        for i in 0..<l {
            let impulse = keys[i].map { impulses[i] * $0 }
            for c in 0..<dv { s[c] = zip(apply(evolution[i], s[c]), impulse).map { $0 + $1 * values[i][c] } }
            z = zip(apply(evolution[i], z), impulse).map { $0 + $1 }
            let eta = normalised ? zip(queries[i], z).reduce(0) { $0 + $1.0 * $1.1 } : 1
            outputs.append(s.map { column in zip(queries[i], column).reduce(0) { $0 + $1.0 * $1.1 } / eta })
        }
        return outputs
        // END SOLUTION
    }
}
