//: ## Exercise 3.3 · The gradient with respect to the eigenvalues
//:
//: Training moves the eigenvalues λ, so the layer needs ∂L/∂λ. In s_t = λ ⊙ s_{t−1} + x_t the eigenvalue λ_n
//: multiplies s_{t−1,n} at every step, so its gradient collects, over time, the adjoint ḡ_t (exercise 3.2) times
//: the state it multiplied:
//:
//:     ∂L/∂λ_n = Σ_{t=1}^{T−1}  ḡ_{t,n} · conj(s_{t−1,n})        (as ∂L/∂Re λ + i ∂L/∂Im λ).
//:
//: Work out for yourself why it is conj(s) and not s: write λ s as a 2 × 2 real matrix acting on (Re s, Im s) and
//: differentiate with respect to Re λ and Im λ. Given the forward states s and the adjoints ḡ (both [T][N]),
//: return the N gradients. Throw `ExerciseError.invalidInput` when the shapes disagree.

import Numerics

extension Ch03 {
    /// ∂L/∂λ from the forward states s_t and the adjoints ḡ_t of the recurrence s_t = λ ⊙ s_{t−1} + x_t.
    public static func eigenvalueGradient(states: [[Complex<Double>]], adjoint: [[Complex<Double>]]) throws -> [Complex<Double>] {
        // BEGIN SOLUTION
        guard states.count == adjoint.count, let n = states.first?.count,
              states.allSatisfy({ $0.count == n }), adjoint.allSatisfy({ $0.count == n }) else {
            throw ExerciseError.invalidInput("states and adjoints must both be [T][N] with the same T and N")
        }
        var gradient = [Complex<Double>](repeating: .zero, count: n)
        for t in states.indices.dropFirst() {
            for j in 0..<n { gradient[j] = gradient[j] + adjoint[t][j] * states[t - 1][j].conjugate }
        }
        return gradient
        // END SOLUTION
    }
}
