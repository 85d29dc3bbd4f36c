import Foundation
import LinearAlgebra
import Numerics

// Softmax + RoPE in coefficient form: chapter 4's `CausalSelfAttention(rotary: true)` (see SoftmaxAttention.swift
// for the layer; this file is the A it needs).
//
// RoPE rotates channel pair m of q_t and k_t by the angle t·θ_m, θ_m = 10000^{−2m/d_h}. Reading each pair as a
// complex number, the score is
//
//     (R_i q_i)·(R_j k_j) = Re( conj(q_i e^{i·iθ}) k_j e^{i·jθ} ) = q_i · (e^{−iθ})^{i−j} k_j,
//
// so it is the score of a coefficient system whose state is *rotated back* by θ_m every step:
//
//     A = R(−θ) = diag(e^{−iθ_m}) (on pairs),   b_j = 1/√d_h,   φ = exp,   η = Σ.
//
// A ≠ I, so position is in the coefficients themselves (principle 3), and only the lag i − j enters: A is the
// same at every step. Its eigenvalues e^{−iθ_m} lie *on* the unit circle: nothing decays, everything turns.

extension Evolution {
    /// RoPE's A = R(−θ): rotation of pair m by −θ_m, θ_m = 10000^{−2m/d_h} (the angles of `rotaryEmbedding`).
    public static func rotary(headSize d: Int, decay: Double = 1) -> Evolution {
        precondition(d % 2 == 0, "rotary: the head size \(d) must be even")
        let angles = (0..<(d / 2)).map { m in Foundation.pow(10_000, -Double(2 * m) / Double(d)) }
        return .complexDiagonal(re: angles.map { Scalar(decay * Foundation.cos($0)) },
                                im: angles.map { Scalar(-decay * Foundation.sin($0)) })
    }
}
