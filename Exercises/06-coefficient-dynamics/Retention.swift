//: ## Exercise 6.2 · RetNet's A and b (2 points)
//:
//: RetNet (Sun et al. 2023) writes one head of retention in parallel form. With queries q_n and keys k_m of d_h
//: numbers (pairs (2p, 2p+1) of coordinates), rotated by their position as in RoPE,
//:
//:     q̃_n = rot(q_n, n θ),    k̃_m = rot(k_m, m θ),    α_nm = γ^{n−m} q̃_n · k̃_m / √d_h    (m ≤ n),
//:
//: where rot(v, ω) turns pair p of v by the angle ω_p, (v_2p, v_2p+1) ↦ (v_2p cos ω_p − v_2p+1 sin ω_p,
//: v_2p sin ω_p + v_2p+1 cos ω_p), and θ_p = 10000^(−2p/d_h). The readout is linear and there is no normaliser
//: (φ(z) = z, η = 1).
//:
//: Section 2 claims this is a coefficient system with the *unrotated* q and k, one fixed A and one fixed b. Find
//: them: return A (d_h × d_h, row-major, the same at every step) and b such that q_nᵀ A^{n−m} b k_m = α_nm for
//: every n ≥ m. Hint: a rotation is orthogonal, so rot(q, nθ) · rot(k, mθ) = q · rot(k, (m − n)θ). The test builds
//: the system from your A and b and compares α with RetNet's own formula.
//:
//: Throw `ExerciseError.invalidInput` for an odd head size or one below 2, and for γ outside (0, 1].
//: (`Evolution.rotary(headSize:decay:)` in `Sources/CoefficientDynamics/Mixers/RotaryAttention.swift` is the
//: library's answer, off limits.)

import Foundation

extension Ch06 {
    /// RetNet's coefficient system for head size d_h and decay γ: the evolution A (d_h × d_h) and the impulse b.
    public static func retention(headSize d: Int, decay gamma: Double) throws -> (evolution: [[Double]], impulse: Double) {
        // BEGIN SOLUTION
        guard d >= 2, d % 2 == 0 else { throw ExerciseError.invalidInput("the head size must be even and at least 2 (got \(d))") }
        guard gamma > 0, gamma <= 1 else { throw ExerciseError.invalidInput("the decay γ must be in (0, 1] (got \(gamma))") }
        // One step later the key is seen turned back by θ relative to the query: A = γ R(−θ), pair by pair.
        var a = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for p in 0..<(d / 2) {
            let theta = Foundation.pow(10_000, -Double(2 * p) / Double(d))
            let (c, s) = (gamma * Foundation.cos(theta), gamma * Foundation.sin(theta))
            a[2 * p][2 * p] = c
            a[2 * p][2 * p + 1] = s
            a[2 * p + 1][2 * p] = -s
            a[2 * p + 1][2 * p + 1] = c
        }
        return (a, 1 / Double(d).squareRoot())
        // END SOLUTION
    }
}
