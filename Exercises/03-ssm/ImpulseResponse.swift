//: ## Exercise 3.1 · The layer's impulse response
//:
//: Section 1 of chapter 3 unrolls the recurrence s_t = Λ s_{t−1} + Γ B u_t, y_t = Re(C s_t) into a convolution,
//: y = K ∗ u (plus the feed-through D u). For one input and one output channel the kernel is a sum of N damped,
//: rotating exponentials,
//:
//:     K_k = Re( Σ_n  c_n · λ_n^k · γ_n · b_n ),      k = 0, 1, 2, …
//:
//: with λ_n the eigenvalues, γ_n the input normalisers, b_n the entries of B and c_n those of C. Compute K_0…K_{L−1}.
//: Throw `ExerciseError.invalidInput` when the four arrays differ in length or L < 0. (`LRU.kernel(length:)` in
//: the library computes the same for many channels; write your own.)

import Numerics

extension Ch03 {
    /// The impulse response K_0, …, K_{length−1} of a single-channel diagonal linear recurrence.
    public static func impulseResponse(lambda: [Complex<Double>], gamma: [Double], b: [Complex<Double>],
                                       c: [Complex<Double>], length: Int) throws -> [Double] {
        // BEGIN SOLUTION
        guard lambda.count == gamma.count, lambda.count == b.count, lambda.count == c.count, length >= 0 else {
            throw ExerciseError.invalidInput("λ, γ, B, C must have one entry per state and the length must be ≥ 0")
        }
        var power = lambda.indices.map { n in c[n] * b[n] * Complex(gamma[n], 0) }   // c_n γ_n b_n λ_n^k at k = 0
        var kernel: [Double] = []
        for _ in 0..<length {
            kernel.append(power.reduce(0) { $0 + $1.real })
            for n in power.indices { power[n] = power[n] * lambda[n] }
        }
        return kernel
        // END SOLUTION
    }
}
