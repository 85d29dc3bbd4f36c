//: ## Exercise 3.2 · Backpropagation through time is a scan backwards
//:
//: Section 5 states that the gradient of a linear recurrence is a linear recurrence run backwards in time. Take one
//: layer of N complex states, s_t = λ ⊙ s_{t−1} + x_t for t = 0…T−1 (s_{−1} = 0), and a loss L that depends on every
//: s_t. Write ḡ_t for the *total* gradient of L with respect to s_t, as one complex number per state,
//: ḡ = ∂L/∂Re s + i ∂L/∂Im s. The loss sees s_t directly (the `upstream` gradient g_t = ∂L/∂s_t holding s_{t+1}
//: fixed) and through s_{t+1} = λ s_t + …, so
//:
//:     ḡ_{T−1} = g_{T−1},        ḡ_t = g_t + conj(λ) ⊙ ḡ_{t+1}     (t = T−2, …, 0).
//:
//: The conjugate appears because the adjoint of "multiply by λ" on ℂ viewed as ℝ² is its transpose. Implement the
//: scan: `upstream[t][n]` is g_t for state n; return ḡ in the same layout. Since x_t enters s_t with coefficient 1,
//: ḡ_t is also the gradient with respect to the input x_t, which is how the test checks you (finite differences).
//:
//: Throw `ExerciseError.invalidInput` when a row of `upstream` does not have one entry per eigenvalue.
//: (`Sources/SequenceModels/LRU+Scan.swift` has the library's version, fused with the rest of the layer.)

import Numerics

extension Ch03 {
    /// The reverse-time adjoint scan ḡ_t = g_t + conj(λ) ⊙ ḡ_{t+1} of the recurrence s_t = λ ⊙ s_{t−1} + x_t.
    public static func adjointScan(lambda: [Complex<Double>], upstream: [[Complex<Double>]]) throws -> [[Complex<Double>]] {
        // BEGIN SOLUTION
        guard upstream.allSatisfy({ $0.count == lambda.count }) else {
            throw ExerciseError.invalidInput("every time step needs one gradient per state (\(lambda.count))")
        }
        var adjoint = upstream
        for t in stride(from: upstream.count - 2, through: 0, by: -1) {
            for n in lambda.indices { adjoint[t][n] = upstream[t][n] + lambda[n].conjugate * adjoint[t + 1][n] }
        }
        return adjoint
        // END SOLUTION
    }
}
