//: ## Exercise 4.1 · Causal attention weights
//:
//: Section 1 of chapter 4 defines one head's weights from its queries q_i and keys k_j (vectors of d_head numbers):
//:
//:     A_ij = exp(q_i · k_j / √d_head) / Σ_{j' ≤ i} exp(q_i · k_j' / √d_head)    for j ≤ i,      A_ij = 0 for j > i.
//:
//: Row i is a probability distribution over the positions j ≤ i: the causal mask lets position i read only its past.
//: Compute A. Subtract each row's largest score before exponentiating: the weights do not change (the factor
//: cancels), but exp no longer overflows when the scores are large. Throw `ExerciseError.invalidInput` when the
//: queries and keys differ in number or in length.

import Foundation

extension Ch04 {
    /// The causal softmax attention weights A (T × T) of one head.
    public static func attentionWeights(queries: [[Double]], keys: [[Double]]) throws -> [[Double]] {
        // BEGIN SOLUTION
        let d = queries.first?.count ?? 0
        guard queries.count == keys.count, queries.allSatisfy({ $0.count == d }), keys.allSatisfy({ $0.count == d }) else {
            throw ExerciseError.invalidInput("queries and keys must be T vectors of the same length")
        }
        let scale = 1 / Double(max(d, 1)).squareRoot()
        return queries.indices.map { i in
            let scores = (0...i).map { j in zip(queries[i], keys[j]).reduce(0) { $0 + $1.0 * $1.1 } * scale }
            let top = scores.max()!
            let e = scores.map { Foundation.exp($0 - top) }
            let total = e.reduce(0, +)
            return e.map { $0 / total } + [Double](repeating: 0, count: queries.count - i - 1)
        }
        // END SOLUTION
    }
}
