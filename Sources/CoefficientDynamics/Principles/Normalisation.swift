import LinearAlgebra
import Numerics

// Principle 6: normalise the coefficients.
//
// Without η, y_i = Σ_j α̃_ij v_j adds up ever more terms when A does not decay: with A = a I and positive
// coefficients, ‖y_i‖ grows like Σ_k a^k — bounded for a < 1 (but then the far past is forgotten), linearly for
// a = 1 (marginally stable: everything kept), geometrically for a > 1 (unstable). With η_i = Σ_j α̃_ij and φ ≥ 0,
// every row of α is a convex combination, so ‖y_i‖ ≤ max_j ‖v_j‖ whatever A does. If φ can be negative the sum
// can pass through zero and η makes things worse; mLSTM's max(|Σ|, 1) guards against that.

/// A scalar-A system with positive coefficients: q, k = elu + 1 of N(0, 1) draws, b = 1/√n, φ linear.
public func positiveSystem(decay a: Double, length: Int, stateSize n: Int, normalised: Bool,
                           rng: inout SeededRNG) -> CoefficientSystem<Double> {
    let q: Matrix<Double> = elementwise(randomMatrix(length, n, std: 1, rng: &rng), eluPlusOne)
    let k: Matrix<Double> = elementwise(randomMatrix(length, n, std: 1, rng: &rng), eluPlusOne)
    return CoefficientSystem(queries: q, keys: k, impulse: 1 / Double(n).squareRoot(), evolution: .scalar(a),
                             readout: .linear, normalisation: normalised ? .sum : .none)
}

/// ‖y_i‖ for every i.
public func outputNorms(_ system: CoefficientSystem<Double>, values: Matrix<Double>) -> [Double] {
    let y = system(values)
    return (0..<y.rows).map { i in y.row(i).reduce(0) { $0 + $1 * $1 }.squareRoot() }
}

/// max_j ‖v_j‖.
public func largestRowNorm(_ values: Matrix<Double>) -> Double {
    (0..<values.rows).map { i in values.row(i).reduce(0) { $0 + $1 * $1 }.squareRoot() }.max() ?? 0
}
