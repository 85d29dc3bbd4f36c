//: ## Exercise 7.1 · The myopic pullback (3 points)
//:
//: Section 2 made myopic training one word: the keys and values of the past are recomputed from
//: `withoutDerivative(at: h)`. Here you write the backward pass that word produces, for one attention head. With
//: queries q_i, keys k_j and values v_j (T rows of d numbers each, positions 0…T−1),
//:
//:     S_ij = q_i·k_j / √d   (j ≤ i),      A_ij = exp(S_ij) / Σ_{j' ≤ i} exp(S_ij'),      o_i = Σ_{j ≤ i} A_ij v_j,
//:
//: and the gradient ō_i = ∂L/∂o_i that comes down from the loss at position i, the vanilla pullback is the chain
//: rule through the softmax (exercise 4.3 in the middle):
//:
//:     Ā_ij = ō_i·v_j,        S̄_ij = A_ij ( Ā_ij − Σ_{j' ≤ i} A_ij' Ā_ij' ),
//:     q̄_i = Σ_{j ≤ i} S̄_ij k_j / √d,        k̄_j = Σ_{i ≥ j} S̄_ij q_i / √d,        v̄_j = Σ_{i ≥ j} A_ij ō_i.
//:
//: The sums over i ≥ j are where the losses of later positions i > j reach the key and value of position j, and
//: through them its whole computation. The myopic pullback keeps only the term i = j:
//:
//:     k̄_j = S̄_jj q_j / √d,        v̄_j = A_jj ō_j,        q̄_i as before.
//:
//: The terms with i > j are not thrown away in the layer: they are the gradient of the past copies k_p, v_p, which
//: still teach W_K and W_V, but they stop there and never reach h_j.
//:
//: Implement both: return (q̄, k̄, v̄) in the layout of the inputs, the myopic pullback when `myopic` is true.
//: Throw `ExerciseError.invalidInput` unless queries, keys, values and the upstream gradient all have the same
//: number of rows and every row the same d ≥ 1 numbers (T = 0 is allowed: nothing to do). The library's version,
//: fused and for many heads, is `_vjpMyopicCausalAttention` in `Sources/SequenceModels/CausalAttention.swift`;
//: calling it (or `causalAttention`) is off limits.

import Foundation

extension Ch07 {
    /// The gradients (q̄, k̄, v̄) of one causal attention head, vanilla or myopic, from the upstream gradient ō.
    public static func attentionPullback(queries q: [[Double]], keys k: [[Double]], values v: [[Double]],
                                         upstream dO: [[Double]], myopic: Bool) throws
        -> (queries: [[Double]], keys: [[Double]], values: [[Double]]) {
        // BEGIN SOLUTION
        let t = q.count, d = q.first?.count ?? 0
        guard k.count == t, v.count == t, dO.count == t,
              [q, k, v, dO].allSatisfy({ rows in rows.allSatisfy { $0.count == d } }), t == 0 || d >= 1 else {
            throw ExerciseError.invalidInput("queries, keys, values and upstream gradients must be T rows of the same d ≥ 1 numbers")
        }
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        let scale = 1 / Double(max(d, 1)).squareRoot()
        var dq = [[Double]](repeating: [Double](repeating: 0, count: d), count: t), dk = dq, dv = dq
        for i in 0..<t {
            // Forward for row i: the weights A_ij over j ≤ i (largest score subtracted, as in exercise 4.1).
            let scores = (0...i).map { j in dot(q[i], k[j]) * scale }
            let top = scores.max()!
            let e = scores.map { Foundation.exp($0 - top) }
            let total = e.reduce(0, +)
            let a = e.map { $0 / total }
            // Backward: Ā_ij = ō_i·v_j, then the softmax pullback to S̄_ij.
            let da = (0...i).map { j in dot(dO[i], v[j]) }
            let mean = zip(a, da).reduce(0) { $0 + $1.0 * $1.1 }
            for j in 0...i {
                let ds = a[j] * (da[j] - mean) * scale
                for c in 0..<d { dq[i][c] += ds * k[j][c] }
                // A later loss (i > j) reaches k_j and v_j only in the vanilla pullback.
                if !myopic || j == i {
                    for c in 0..<d {
                        dk[j][c] += ds * q[i][c]
                        dv[j][c] += a[j] * dO[i][c]
                    }
                }
            }
        }
        return (dq, dk, dv)
        // END SOLUTION
    }
}
