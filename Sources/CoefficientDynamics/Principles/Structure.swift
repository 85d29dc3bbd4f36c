import Foundation
import LinearAlgebra
import Numerics

// Principle 4: the structure of A decides what can happen to a stored coefficient state as it ages.
//
//   scalar       a I: only its length changes; its direction — and so the *ranking* of q·h over tokens of the same
//                age — never does. Cheapest (one number per step).
//   diagonal     diag(a): each coordinate fades at its own rate, so directions drift, but within one orthant.
//   rotation     |λ| = 1 complex diagonal (RoPE): directions turn, lengths stay.
//   Householder  I − β k kᵀ: removes (β = 1) or reflects (β = 2) the component along the *current key* k — the
//                only one of the four whose forgetting depends on content, and the only one with eigenvalues
//                below zero (1 − β < 0 for β > 1), which lets a state flip sign (state tracking).

/// What one structure of A does to a state over `steps` steps, averaged over random draws.
public struct StructureRow: Sendable {
    public var name: String
    /// Mean cos∠(h_{j+m, j}, h_jj) after m = `steps` steps: 1 means the direction never changed.
    public var cosine: Double
    /// Mean ‖h_{j+m, j}‖ / ‖h_jj‖.
    public var lengthRatio: Double
    /// Fraction of steps whose A had an eigenvalue with negative real part.
    public var negativeEigenvalues: Double
    /// ‖h_{j+1, j}‖/‖h_jj‖ when token j + 1 carries the *same* key as token j (β = 1 for Householder): 0 means erased.
    public var sameKeyRemaining: Double
    /// Multiplications to apply A once to an n-state.
    public var multiplications: Int
}

/// Scalar, diagonal, rotation and Householder evolutions on an n-state (n even), `trials` random draws each.
public func structureTable(stateSize n: Int, steps: Int, trials: Int, rng: inout SeededRNG) throws -> [StructureRow] {
    func unit(_ rng: inout SeededRNG) -> [Double] {
        let v = (0..<n).map { _ in rng.normal() }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }
    let angles = (0..<(n / 2)).map { m in Foundation.pow(10_000, -Double(2 * m) / Double(n)) }
    let draws: [(String, Int, (inout SeededRNG, [Double]?) -> Evolution<Double>)] = [
        ("scalar a I", n, { rng, _ in .scalar(rng.uniform(0.9, 1)) }),
        ("diagonal diag(a)", n, { rng, _ in .diagonal((0..<n).map { _ in rng.uniform(0.9, 1) }) }),
        ("rotation R(−θ), |λ| = 1", 2 * n, { _, _ in
            .complexDiagonal(re: angles.map { Foundation.cos($0) }, im: angles.map { -Foundation.sin($0) }) }),
        ("Householder I − β k kᵀ", 3 * n, { rng, key in
            .householder(gate: 1, beta: key == nil ? rng.uniform(0, 2) : 1, key: key ?? unit(&rng)) }),
    ]
    return try draws.map { name, cost, draw in
        var cosine = 0.0, ratio = 0.0, negative = 0, remaining = 0.0
        for _ in 0..<trials {
            let h0 = unit(&rng)
            var h = h0
            for _ in 0..<steps {
                let a = draw(&rng, nil)
                if try a.eigenvalues(size: n).contains(where: { $0.real < 0 }) { negative += 1 }
                h = a.applied(to: h)
            }
            let length = h.reduce(0) { $0 + $1 * $1 }.squareRoot()
            cosine += zip(h, h0).reduce(0) { $0 + $1.0 * $1.1 } / length
            ratio += length
            // Token j + 1 writes the same key as token j: what is left of token j's state?
            remaining += draw(&rng, h0).applied(to: h0).reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
        let t = Double(trials)
        return StructureRow(name: name, cosine: cosine / t, lengthRatio: ratio / t,
                            negativeEigenvalues: Double(negative) / (t * Double(steps)), sameKeyRemaining: remaining / t,
                            multiplications: cost)
    }
}
