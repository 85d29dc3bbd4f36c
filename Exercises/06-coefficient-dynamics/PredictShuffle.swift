//: ## Exercise 6.4 · Predict: which mixers can tell the order of the past? (2 points)
//:
//: Section 5 shuffled the tokens before the last one and watched the last output y_{L−1}. Predict the same test
//: for four systems that are *not* in the chapter's table. Each reads token contents x_j (random vectors);
//: the shuffle permutes x_0 … x_{L−2} and keeps x_{L−1}, the positions, and the matrices A_i where they are.
//: Whatever is computed from a token's content (its key, value, gate) moves with it; whatever belongs to a
//: position stays.
//:
//: 1. ReLU attention: A = I, b = 1/√n, φ = ReLU, η = 1.
//: 2. Linear attention with a decay: A = 0.9 I at every step, φ linear (on elu + 1 features), η = Σ.
//: 3. Softmax attention with learned positions: A = I, φ = exp, η = Σ, but queries and keys are computed from
//:    x_j + p_j, where p_j is a fixed random vector that belongs to position j (chapter 4's learned table).
//: 4. Gated linear attention without decay: A = I, φ linear (elu + 1 features), η = Σ, and an input gate
//:    b_j = σ(w · x_j) computed from the token, as mLSTM's input gate.
//:
//: Return four booleans, in this order: `true` where you expect the shuffle to change y_{L−1} (beyond rounding).
//: The grading builds all four and shuffles.

extension Ch06 {
    /// For systems 1–4: does shuffling the past change the last output?
    public static func shuffleChangesLastOutput() throws -> [Bool] {
        // BEGIN SOLUTION
        // 1: A = I and everything about a token travels with it: the output is a function of the *set* of tokens.
        // 2: A ≠ I: token j's coefficient carries 0.9^{L−1−j}, so a token's weight depends on where it now stands.
        // 3: A = I, but p_j stays with position j while x_j moves: the keys change, not just their order.
        // 4: like 1, with a gate that travels with its token.
        return [false, true, true, false]
        // END SOLUTION
    }
}
