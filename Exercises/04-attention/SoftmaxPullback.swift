//: ## Exercise 4.3 · The softmax pullback
//:
//: Every primitive in `Sources/Learning` has a hand-written backward pass, and attention's central one is the
//: softmax's. For one row, a = softmax(s), and an upstream gradient ā = ∂L/∂a, the gradient with respect to the
//: scores is
//:
//:     s̄_j = a_j ( ā_j − Σ_k a_k ā_k ).
//:
//: Derive it (∂a_k/∂s_j = a_k(δ_kj − a_j)) and implement it: given the weights a (already computed by the forward
//: pass, as the library does) and ā, return s̄. Note Σ_j s̄_j = 0: adding a constant to every score changes nothing.
//: Throw `ExerciseError.invalidInput` when the two arrays differ in length.

extension Ch04 {
    /// ∂L/∂s for a = softmax(s), from the weights a and the upstream gradient ∂L/∂a.
    public static func softmaxPullback(weights a: [Double], upstream: [Double]) throws -> [Double] {
        // BEGIN SOLUTION
        guard a.count == upstream.count else {
            throw ExerciseError.invalidInput("\(a.count) weights and \(upstream.count) upstream gradients")
        }
        let mean = zip(a, upstream).reduce(0) { $0 + $1.0 * $1.1 }
        return zip(a, upstream).map { $0 * ($1 - mean) }
        // END SOLUTION
    }
}
